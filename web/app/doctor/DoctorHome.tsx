'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { RequireRole } from '@/components/RequireRole';
import { StaffHeader } from '@/components/StaffHeader';
import { Page, ui } from '@/components/ui';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { clinicalTexts } from '@/lib/i18n/clinical';
import { paymentTexts } from '@/lib/i18n/payments';
import { authedFetch, type Session } from '@/lib/session';

const DOCTOR_ROLES = ['specialist', 'doctor'] as const;

interface Me {
  full_name: string;
  specialty?: string;
  mfa_enabled: boolean;
}

/** The doctor's landing page after sign-in (the consultation tools hang from here). */
export function DoctorHome({ lang }: { lang: Lang }) {
  return (
    <RequireRole roles={DOCTOR_ROLES}>{(session) => <DoctorPanel session={session} lang={lang} />}</RequireRole>
  );
}

function DoctorPanel({ session, lang }: { session: Session; lang: Lang }) {
  const t = localized({ es, en }, lang);
  const [me, setMe] = useState<Me | null>(null);

  useEffect(() => {
    // Confirms the account is still active (the API answers 401 at once after a deactivation).
    authedFetch<Me>('/auth/me')
      .then(setMe)
      .catch(() => window.location.replace('/login?next=/doctor'));
  }, []);

  return (
    <>
      <StaffHeader session={session} lang={lang} />
      <Page soft>
        <div className={ui.panel}>
          <p className="eyebrow">{t.doctor.title}</p>
          <h1 className={ui.title} data-testid="doctor-hello">
            {t.doctor.hello(me?.full_name ?? session.full_name ?? '')}
          </h1>
          {me?.specialty && <p className={ui.lead}>{me.specialty}</p>}
          <p>{t.doctor.lead}</p>
          <div className={ui.links}>
            <Link href="/doctor/patients">{clinicalTexts[lang].patients.title}</Link>
            <Link href="/doctor/templates">{clinicalTexts[lang].templates.title}</Link>
            <Link href="/doctor/payments">{paymentTexts[lang].doctor.title}</Link>
            {me && !me.mfa_enabled && <Link href="/login/mfa/activar">{t.doctor.security}</Link>}
            <Link href="/login/cambiar-contrasena">{t.doctor.changePassword}</Link>
          </div>
        </div>
      </Page>
    </>
  );
}
