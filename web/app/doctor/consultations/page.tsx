import type { Metadata } from 'next';
import { DoctorConsultations } from '@/components/doctor/DoctorConsultations';
import { localized } from '@/lib/i18n';
import { doctorTexts } from '@/lib/i18n/doctor';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(doctorTexts, await getLang()).list.title, robots: { index: false } };
}

export default async function DoctorConsultationsPage({
  searchParams,
}: {
  searchParams: Promise<{ patient?: string }>;
}) {
  const { patient } = await searchParams;
  const initial = patient && /^[0-9]{1,18}$/.test(patient) ? patient : '';
  return <DoctorConsultations lang={await getLang()} initialPatient={initial} />;
}
