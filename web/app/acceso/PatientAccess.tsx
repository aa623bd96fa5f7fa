'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { saveSession, sessionFrom, type TokenResponse } from '@/lib/session';
import { CardPage, Notice, ui } from '@/components/ui';

/** Spends a patient's single-use login link for a patient session, then shows their consultations. */
export function PatientAccess({ lang, token }: { lang: Lang; token: string | null }) {
  const t = localized({ es, en }, lang).access;
  const [error, setError] = useState<string | null>(token ? null : t.missing);
  const spent = useRef(false);

  useEffect(() => {
    // Once only: the link is single-use, and strict mode runs effects twice in development.
    if (!token || spent.current) return;
    spent.current = true;
    api
      .post<TokenResponse>('/auth/patient-login', { token })
      .then((answer) => {
        saveSession(sessionFrom(answer));
        window.location.replace(answer.redirect_to || '/mis-consultas');
      })
      .catch(() => setError(t.invalid));
  }, [token, t]);

  return (
    <CardPage title={t.title}>
      {error && (
        <>
          <Notice kind="error" testId="access-error">
            {error}
          </Notice>
          <div className={ui.links}>
            <Link href="/">{t.home}</Link>
          </div>
        </>
      )}
    </CardPage>
  );
}
