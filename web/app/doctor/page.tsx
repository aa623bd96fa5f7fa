import type { Metadata } from 'next';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { getLang } from '@/lib/i18n/server';
import { DoctorHome } from './DoctorHome';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized({ es, en }, await getLang()).doctor.title };
}

export default async function DoctorPage() {
  return <DoctorHome lang={await getLang()} />;
}
