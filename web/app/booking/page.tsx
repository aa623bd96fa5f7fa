import type { Metadata } from 'next';
import { BookingFlow } from '@/components/booking/BookingFlow';
import { bookingTexts } from '@/lib/i18n/booking';
import { localized } from '@/lib/i18n';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(bookingTexts, await getLang()).flow.title };
}

/** The same flow as /reserva, under its English path. */
export default async function BookingPage() {
  return <BookingFlow lang={await getLang()} />;
}
