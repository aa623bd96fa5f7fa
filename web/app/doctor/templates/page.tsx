import type { Metadata } from 'next';
import { TemplatesPanel } from '@/components/clinical/TemplatesPanel';
import { localized } from '@/lib/i18n';
import { clinicalTexts } from '@/lib/i18n/clinical';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(clinicalTexts, await getLang()).templates.title, robots: { index: false } };
}

export default async function DoctorTemplatesPage() {
  return <TemplatesPanel lang={await getLang()} />;
}
