import type { Metadata } from 'next';
import { BookingMyConsultations } from '@/components/BookingMyConsultations';
import { bookingTexts } from '@/lib/i18n/booking';
import { localized } from '@/lib/i18n';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(bookingTexts, await getLang()).mine.title, robots: { index: false } };
}

export default async function MisConsultasPage() {
  return <BookingMyConsultations lang={await getLang()} />;
}
