'use client';

import Link from 'next/link';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import styles from '@/components/Staff.module.css';
import { afterSignIn, MFA_CHALLENGE_KEY, safeNext, type SignInAnswer } from '../flow';

/** The second step of a sign-in with TOTP: the challenge from the password step plus a current code. */
export function MfaStep({ lang, next }: { lang: Lang; next: string | null }) {
  const texts = localized({ es, en }, lang);
  const t = texts.mfa;
  const [challenge, setChallenge] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const stored = window.sessionStorage.getItem(MFA_CHALLENGE_KEY);
    if (!stored) {
      window.location.replace('/login');
      return;
    }
    setChallenge(stored);
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s/g, '');
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<SignInAnswer>('/auth/login/mfa', { mfa_token: challenge, code });
      window.sessionStorage.removeItem(MFA_CHALLENGE_KEY);
      window.location.assign(afterSignIn(answer, safeNext(next)));
    } catch (e) {
      setBusy(false);
      if (e instanceof ApiError && e.type?.endsWith('/invalid-mfa-token')) setError(t.expired);
      else if (e instanceof ApiError && e.status === 429) setError(texts.login.tooMany);
      else setError(t.invalid);
    }
  }

  if (!challenge) return null;
  return (
    <section className={styles.page}>
      <div className="container">
        <div className={styles.card}>
          <h1 className={styles.title}>{t.title}</h1>
          <p className={styles.lead}>{t.lead}</p>
          <form className={styles.form} onSubmit={submit} noValidate>
            {error && (
              <p className={styles.error} role="alert">
                {error}
              </p>
            )}
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
                pattern="[0-9 ]{6,7}"
                maxLength={7}
                required
              />
            </div>
            <button type="submit" className="btn btn--primary" disabled={busy}>
              {t.submit}
            </button>
          </form>
          <div className={styles.links}>
            <Link href="/login">{texts.forgot.back}</Link>
          </div>
        </div>
      </div>
    </section>
  );
}
