import type { Metadata } from 'next';
import { paymentTexts } from '@/lib/i18n/payments';
import { localized } from '@/lib/i18n';
import { getLang } from '@/lib/i18n/server';
import { PaymentCancelled } from './PaymentCancelled';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(paymentTexts, await getLang()).cancelled.title, robots: { index: false } };
}

/** `/reserva/pago/cancelado?session_id=<checkout session>`: where the checkout sends a patient who did not pay. */
export default async function PaymentCancelledPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const sessionId = Array.isArray(params.session_id) ? params.session_id[0] : params.session_id;
  return <PaymentCancelled lang={await getLang()} sessionId={sessionId ?? ''} />;
}
