'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import styles from '@/components/Staff.module.css';
import { afterSignIn, safeNext, type SignInAnswer } from './flow';

export function LoginForm({ lang, next }: { lang: Lang; next: string | null }) {
  const t = localized({ es, en }, lang).login;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<SignInAnswer>('/auth/login', {
        email: String(form.get('email') ?? '').trim(),
        password: String(form.get('password') ?? ''),
      });
      window.location.assign(afterSignIn(answer, safeNext(next)));
    } catch (e) {
      setBusy(false);
      setError(messageFor(e, t));
    }
  }

  return (
    <section className={styles.page}>
      <div className="container">
        <div className={styles.card}>
          <h1 className={styles.title}>{t.title}</h1>
          <p className={styles.lead}>{t.lead}</p>
          <form className={styles.form} onSubmit={submit} noValidate>
            {error && (
              <p className={styles.error} role="alert" data-testid="login-error">
                {error}
              </p>
            )}
            <div className={styles.field}>
              <label className={styles.label} htmlFor="email">
                {t.email}
              </label>
              <input className={styles.input} id="email" name="email" type="email" autoComplete="username" required />
            </div>
            <div className={styles.field}>
              <label className={styles.label} htmlFor="password">
                {t.password}
              </label>
              <input
                className={styles.input}
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
              />
            </div>
            <button type="submit" className="btn btn--primary" disabled={busy}>
              {busy ? t.submitting : t.submit}
            </button>
          </form>
          <div className={styles.links}>
            <Link href="/login/recuperar">{t.forgot}</Link>
            <p className={styles.hint}>{t.firstAccess}</p>
          </div>
        </div>
      </div>
    </section>
  );
}

function messageFor(error: unknown, t: (typeof es)['login']): string {
  if (!(error instanceof ApiError)) return t.failed;
  if (error.status === 401 || error.status === 400) return t.wrongCredentials;
  if (error.status === 429) {
    const seconds = Number(error.problem?.retry_after);
    return Number.isFinite(seconds) && seconds > 0 ? t.locked(Math.ceil(seconds / 60)) : t.tooMany;
  }
  return t.failed;
}
