import type { Metadata } from 'next';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { getLang } from '@/lib/i18n/server';
import { ItPanel } from './ItPanel';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized({ es, en }, await getLang()).it.title };
}

export default async function MedicalProfessionalsPage() {
  return <ItPanel lang={await getLang()} />;
}
