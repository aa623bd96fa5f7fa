import type { Metadata } from 'next';
import { AgendaEditor } from '@/components/doctor/AgendaEditor';
import { localized } from '@/lib/i18n';
import { doctorTexts } from '@/lib/i18n/doctor';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(doctorTexts, await getLang()).agenda.title, robots: { index: false } };
}

export default async function DoctorAgendaPage() {
  return <AgendaEditor lang={await getLang()} />;
}
