import type { Metadata } from 'next';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { getLang } from '@/lib/i18n/server';
import { ChangePasswordForm } from './ChangePasswordForm';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized({ es, en }, await getLang()).change.title };
}

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return <ChangePasswordForm lang={await getLang()} next={next ?? null} />;
}
