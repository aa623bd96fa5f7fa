'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { apiFetch, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { homeFor, loadSession, type Session } from '@/lib/session';
import styles from '@/components/Staff.module.css';
import { StaffQrCode } from '@/components/StaffQrCode';
import { afterSignIn, safeNext, type SignInAnswer } from '../../flow';

interface Enrollment {
  secret: string;
  otpauth_uri: string;
}

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
      const verified = await apiFetch<{ tokens?: SignInAnswer }>('/auth/mfa/verify', {
        method: 'POST',
        body: { code },
        token: session!.access_token,
      });
      if (verified.tokens) {
        window.location.assign(afterSignIn(verified.tokens, safeNext(next)));
        return;
      }
      setDone(true);
    } catch {
      setError(t.invalid);
    }
  }

  if (!session) return null;
  return (
    <section className={styles.page}>
      <div className="container">
        <div className={styles.card}>
          <h1 className={styles.title}>{t.enrollTitle}</h1>
          {!done && <p className={styles.lead}>{t.enrollLead}</p>}
          {error && (
            <p className={styles.error} role="alert">
              {error}
            </p>
          )}
          {done ? (
            <>
              <p className={styles.success} role="status">
                {t.enabled}
              </p>
              <p className={styles.links}>
                <a href={homeFor(session.role)}>{homeFor(session.role)}</a>
              </p>
            </>
          ) : (
            enrollment && (
              <form className={styles.form} onSubmit={submit} noValidate>
                <StaffQrCode text={enrollment.otpauth_uri} label={t.qrAlt} className={styles.qr} />
                <div className={styles.field}>
                  <span className={styles.label}>{t.secret}</span>
                  <code className={styles.code} data-testid="mfa-secret">
                    {enrollment.secret}
                  </code>
                </div>
                <details>
                  <summary>{t.uri}</summary>
                  <code className={styles.code}>{enrollment.otpauth_uri}</code>
                </details>
                <div className={styles.field}>
                  <label className={styles.label} htmlFor="code">
                    {t.code}
                  </label>
                  <input
                    className={styles.input}
                    id="code"
                    name="code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={7}
                    required
                  />
                </div>
                <button type="submit" className="btn btn--primary">
                  {t.confirm}
                </button>
              </form>
            )
          )}
        </div>
      </div>
    </section>
  );
}
