import type { Metadata } from 'next';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { getLang } from '@/lib/i18n/server';
import { ForgotForm } from './ForgotForm';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized({ es, en }, await getLang()).forgot.title };
}

export default async function ForgotPage() {
  return <ForgotForm lang={await getLang()} />;
}
