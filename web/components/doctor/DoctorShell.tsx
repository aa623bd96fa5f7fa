'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { RequireRole } from '@/components/RequireRole';
import { StaffHeader } from '@/components/StaffHeader';
import { Page, ui } from '@/components/ui';
import { DOCTOR_ROLES } from '@/lib/doctor';
import { doctorTexts } from '@/lib/i18n/doctor';
import type { Lang } from '@/lib/i18n';
import type { Session } from '@/lib/session';

/** Guard, staff bar and navigation of the doctor's pages. */
export function DoctorShell({
  lang,
  children,
  labelledBy,
}: {
  lang: Lang;
  children: (session: Session) => ReactNode;
  labelledBy?: string;
}) {
  const t = doctorTexts[lang].nav;
  return (
    <RequireRole roles={DOCTOR_ROLES}>
      {(session) => (
        <>
          <StaffHeader session={session} lang={lang} />
          <Page soft aria-labelledby={labelledBy}>
            <nav className={ui.toolbar} aria-label={t.label} data-testid="doctor-nav">
              <Link href="/doctor">{t.home}</Link>
              <Link href="/doctor/consultations">{t.consultations}</Link>
              <Link href="/doctor/agenda">{t.agenda}</Link>
              <Link href="/doctor/new-consultation">{t.newConsultation}</Link>
              <Link href="/doctor/patients">{t.patients}</Link>
              <Link href="/doctor/templates">{t.templates}</Link>
              <Link href="/doctor/payments">{t.payments}</Link>
            </nav>
            {children(session)}
          </Page>
        </>
      )}
    </RequireRole>
  );
}

/** The pager under the doctor's lists (pages of `size` out of `total`). */
export function DoctorPager({
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
  const t = doctorTexts[lang];
  if (total <= size && page === 0) return null;
  return (
    <div className={ui.pager} data-testid="pager">
      <button type="button" className={`btn btn--secondary ${ui.small}`} disabled={page === 0}
        onClick={() => onPage(page - 1)}>
        {t.previous}
      </button>
      <span className={ui.muted}>{t.page(page + 1, total)}</span>
      <button type="button" className={`btn btn--secondary ${ui.small}`} disabled={(page + 1) * size >= total}
        onClick={() => onPage(page + 1)}>
        {t.next}
      </button>
    </div>
  );
}
