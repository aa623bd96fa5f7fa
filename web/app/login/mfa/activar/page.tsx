import type { Metadata } from 'next';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { getLang } from '@/lib/i18n/server';
import { MfaEnrollment } from './MfaEnrollment';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized({ es, en }, await getLang()).mfa.enrollTitle };
}

export default async function MfaEnrollmentPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return <MfaEnrollment lang={await getLang()} next={next ?? null} />;
}
