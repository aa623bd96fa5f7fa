import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ConsultationDetail } from '@/components/doctor/ConsultationDetail';
import { localized } from '@/lib/i18n';
import { doctorTexts } from '@/lib/i18n/doctor';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(doctorTexts, await getLang()).list.title, robots: { index: false } };
}

export default async function DoctorConsultationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9]{1,18}$/.test(id)) notFound();
  return <ConsultationDetail lang={await getLang()} id={Number(id)} />;
}
