'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { ADMIN_ROLES } from '@/lib/bookingAdmin';
import { bookingTexts } from '@/lib/i18n/booking';
import { paymentTexts } from '@/lib/i18n/payments';
import type { Lang } from '@/lib/i18n';
import { signOut, type Session } from '@/lib/session';
import { RequireRole } from './RequireRole';
import { Page, Pager, ui } from './ui';

/** Guard and navigation of the admin pages. */
export function AdminShell({ lang, children }: { lang: Lang; children: (session: Session) => ReactNode }) {
  const t = bookingTexts[lang].admin;
  return (
    <RequireRole roles={ADMIN_ROLES}>
      {(session) => (
        <Page>
          <nav className={ui.toolbar} aria-label={t.title}>
            <strong>{t.title}</strong>
            <Link href="/admin">{t.nav.home}</Link>
            <Link href="/admin/patients">{t.nav.patients}</Link>
            <Link href="/admin/consultations">{t.nav.consultations}</Link>
            <Link href="/admin/payments">{paymentTexts[lang].admin.nav}</Link>
            <button
              type="button"
              className={`btn btn--secondary ${ui.small}`}
              onClick={() => signOut().catch(() => undefined).finally(() => window.location.assign('/login'))}
            >
              {t.signOut}
            </button>
          </nav>
          {children(session)}
        </Page>
      )}
    </RequireRole>
  );
}

/** The pager of the admin lists (pages of `size` out of `total` rows). */
export function AdminPager({
  lang,
  page,
  size,
  total,
  onPage,
}: {
  lang: Lang;
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const t = bookingTexts[lang].admin;
  return (
    <Pager page={page} last={(page + 1) * size >= total} onPage={onPage} texts={t}>
      {t.page(page + 1, total)}
    </Pager>
  );
}
