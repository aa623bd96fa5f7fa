import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PatientChart } from '@/components/clinical/PatientChart';
import { localized } from '@/lib/i18n';
import { clinicalTexts } from '@/lib/i18n/clinical';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(clinicalTexts, await getLang()).chart.history, robots: { index: false } };
}

export default async function DoctorPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9]{1,18}$/.test(id)) notFound();
  return <PatientChart lang={await getLang()} patientId={Number(id)} />;
}
