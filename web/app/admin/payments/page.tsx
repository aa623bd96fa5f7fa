import type { Metadata } from 'next';
import { paymentTexts } from '@/lib/i18n/payments';
import { localized } from '@/lib/i18n';
import { getLang } from '@/lib/i18n/server';
import { AdminPayments } from './AdminPayments';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(paymentTexts, await getLang()).admin.title, robots: { index: false } };
}

export default async function AdminPaymentsPage() {
  return <AdminPayments lang={await getLang()} />;
}
