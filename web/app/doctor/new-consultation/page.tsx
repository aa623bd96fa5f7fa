import type { Metadata } from 'next';
import { NewConsultation } from '@/components/doctor/NewConsultation';
import { localized } from '@/lib/i18n';
import { doctorTexts } from '@/lib/i18n/doctor';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(doctorTexts, await getLang()).create.title, robots: { index: false } };
}

export default async function NewConsultationPage() {
  return <NewConsultation lang={await getLang()} />;
}
