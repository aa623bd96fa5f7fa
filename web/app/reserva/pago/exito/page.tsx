import type { Metadata } from 'next';
import { paymentTexts } from '@/lib/i18n/payments';
import { localized } from '@/lib/i18n';
import { getLang } from '@/lib/i18n/server';
import { PaymentSuccess } from './PaymentSuccess';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(paymentTexts, await getLang()).success.title, robots: { index: false } };
}

/** `/reserva/pago/exito?session_id=<checkout session>`: where the checkout sends the patient after paying. */
export default async function PaymentSuccessPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const sessionId = Array.isArray(params.session_id) ? params.session_id[0] : params.session_id;
  return <PaymentSuccess lang={await getLang()} sessionId={sessionId ?? ''} />;
}
