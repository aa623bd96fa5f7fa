import type { Metadata } from 'next';
import { PatientList } from '@/components/clinical/PatientList';
import { localized } from '@/lib/i18n';
import { clinicalTexts } from '@/lib/i18n/clinical';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(clinicalTexts, await getLang()).patients.title, robots: { index: false } };
}

export default async function DoctorPatientsPage() {
  return <PatientList lang={await getLang()} />;
}
