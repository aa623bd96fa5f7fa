import type { Metadata } from 'next';
import { localized } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { getLang } from '@/lib/i18n/server';
import { AccountSecurity } from './AccountSecurity';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized({ es, en }, await getLang()).security.title };
}

export default async function AccountSecurityPage() {
  return <AccountSecurity lang={await getLang()} />;
}
