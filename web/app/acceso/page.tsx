import type { Metadata } from 'next';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { getLang } from '@/lib/i18n/server';
import { PatientAccess } from './PatientAccess';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized({ es, en }, await getLang()).access.title, robots: { index: false } };
}

export default async function AccessPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return <PatientAccess lang={await getLang()} token={token ?? null} />;
}
