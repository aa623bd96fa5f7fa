import type { Metadata } from 'next';
import { BookingManage } from '@/components/BookingManage';
import { bookingTexts } from '@/lib/i18n/booking';
import { localized } from '@/lib/i18n';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(bookingTexts, await getLang()).manage.title, robots: { index: false } };
}

/** `/reserva/gestionar?id=<consultation_id>&token=<manage token>`, the link of the confirmation email. */
export default async function ManagePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  return <BookingManage lang={await getLang()} id={one(params.id)} token={one(params.token)} />;
}
