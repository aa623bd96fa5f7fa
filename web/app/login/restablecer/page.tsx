import type { Metadata } from 'next';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { getLang } from '@/lib/i18n/server';
import { ResetForm } from './ResetForm';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized({ es, en }, await getLang()).reset.title };
}

export default async function ResetPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return <ResetForm lang={await getLang()} token={token ?? null} />;
}
