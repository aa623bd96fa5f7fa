import type { Metadata } from 'next';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { getLang } from '@/lib/i18n/server';
import { MfaStep } from './MfaStep';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized({ es, en }, await getLang()).mfa.title };
}

export default async function MfaPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return <MfaStep lang={await getLang()} next={next ?? null} />;
}
