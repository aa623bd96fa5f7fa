import type { Metadata } from 'next';
import { paymentTexts } from '@/lib/i18n/payments';
import { localized } from '@/lib/i18n';
import { getLang } from '@/lib/i18n/server';
import { DoctorPayments } from './DoctorPayments';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(paymentTexts, await getLang()).doctor.title, robots: { index: false } };
}

export default async function DoctorPaymentsPage() {
  return <DoctorPayments lang={await getLang()} />;
}
