import type { Metadata } from 'next';
import { getLang } from '@/lib/i18n/server';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { LoginForm } from './LoginForm';

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: localized({ es, en }, lang).login.title };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const lang = await getLang();
  const { next } = await searchParams;
  return <LoginForm lang={lang} next={next ?? null} />;
}
