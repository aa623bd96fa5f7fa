import type { Metadata } from 'next';
import { AdminDashboard } from '@/components/AdminDashboard';
import { bookingTexts } from '@/lib/i18n/booking';
import { localized } from '@/lib/i18n';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(bookingTexts, await getLang()).admin.nav.home, robots: { index: false } };
}

export default async function Page() {
  return <AdminDashboard lang={await getLang()} />;
}
