'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { apiFetch, ApiError } from '@/lib/api';
import type { Schemas } from '@/lib/api/types';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { homeFor, loadSession, type Session } from '@/lib/session';
import styles from '@/components/Staff.module.css';
import { CardPage, Notice, SubmitButton, ui } from '@/components/ui';
import { StaffQrCode } from '@/components/StaffQrCode';
import { RecoveryCodeList } from '@/components/RecoveryCodeList';
import { afterSignIn, safeNext } from '../../flow';
import { OneTimeCode } from '../MfaStep';

type Enrollment = Schemas['Enrollment'];

/**
 * TOTP enrolment for a signed-in member of staff, or for an it_admin whose sign-in requires it (the session then
 * holds an enrolment-only token, and verifying answers the full session).
 */
export function MfaEnrollment({ lang, next }: { lang: Lang; next: string | null }) {
  const t = localized({ es, en }, lang).mfa;
  const [session, setSession] = useState<Session | null>(null);
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  // Shown once, before going on: the server never shows these codes again.
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>([]);
  const [continueTo, setContinueTo] = useState<string | null>(null);

  useEffect(() => {
    const current = loadSession();
    if (!current || current.role === 'patient') {
      window.location.replace('/login?next=/login/mfa/activar');
      return;
    }
    setSession(current);
    apiFetch<Enrollment>('/auth/mfa/enroll', { method: 'POST', body: {}, token: current.access_token })
      .then(setEnrollment)
      .catch((e) => setError(e instanceof ApiError && e.status === 409 ? t.already : t.failed));
  }, [t]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s/g, '');
    setError(null);
    try {
      const verified = await apiFetch<Schemas['Verified']>('/auth/mfa/verify', {
        method: 'POST',
        body: { code },
        token: session!.access_token,
      });
      setRecoveryCodes(verified.recovery_codes ?? []);
      setContinueTo(
        verified.tokens ? afterSignIn(verified.tokens, safeNext(next)) : (safeNext(next) ?? homeFor(session!.role)),
      );
      setDone(true);
    } catch {
      setError(t.invalid);
    }
  }

  if (!session) return null;
  return (
    <CardPage title={t.enrollTitle} lead={done ? undefined : t.enrollLead}>
      {error && <Notice kind="error">{error}</Notice>}
      {done ? (
        <>
          <Notice kind="success">{t.enabled}</Notice>
          {recoveryCodes.length > 0 && (
            <RecoveryCodeList codes={recoveryCodes} title={t.recoveryTitle} lead={t.recoveryLead} />
          )}
          <p className={ui.links}>
            <a href={continueTo ?? homeFor(session.role)} data-testid="mfa-continue">
              {t.continue}
            </a>
          </p>
        </>
      ) : (
        enrollment && (
          <form className={ui.form} onSubmit={submit} noValidate>
            <StaffQrCode text={enrollment.otpauth_uri} label={t.qrAlt} className={styles.qr} />
            <div className={ui.field}>
              <span className={ui.label}>{t.secret}</span>
              <code className={styles.code} data-testid="mfa-secret">
                {enrollment.secret}
              </code>
            </div>
            <details>
              <summary>{t.uri}</summary>
              <code className={styles.code}>{enrollment.otpauth_uri}</code>
            </details>
            <OneTimeCode label={t.code} />
            <SubmitButton>{t.confirm}</SubmitButton>
          </form>
        )
      )}
    </CardPage>
  );
}
