import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/SiteFooter';
import { SiteHeader } from '@/components/SiteHeader';
import { getI18n } from '@/lib/i18n/server';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return {
    title: { default: t.meta.title, template: '%s · Telemed' },
    description: t.meta.description,
    applicationName: 'Telemed',
  };
}

export const viewport: Viewport = {
  themeColor: '#0b5f99',
  width: 'device-width',
  initialScale: 1,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { lang, t } = await getI18n();
  return (
    <html lang={lang}>
      <body>
        <a className="skip-link" href="#main">
          {t.a11y.skipToContent}
        </a>
        <SiteHeader lang={lang} t={t} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter t={t} />
      </body>
    </html>
  );
}
