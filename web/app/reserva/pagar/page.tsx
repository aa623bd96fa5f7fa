import type { Metadata } from 'next';
import { getLang } from '@/lib/i18n/server';
import { PayLink } from './PayLink';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getLang()) === 'en' ? 'Pay for your consultation' : 'Pagar tu consulta', robots: { index: false } };
}

/** `/reserva/pagar?consulta=<id>&token=<checkout token>`: the payment link a doctor's booking emails. */
export default async function PayLinkPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const id = one(params.consulta);
  return (
    <PayLink
      lang={await getLang()}
      consultationId={/^[0-9]{1,18}$/.test(id) ? Number(id) : null}
      token={one(params.token)}
    />
  );
}
