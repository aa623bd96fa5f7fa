'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import styles from '@/components/Staff.module.css';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotForm({ lang }: { lang: Lang }) {
  const texts = localized({ es, en }, lang);
  const t = texts.forgot;
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/reset-password', { email });
      setSent(true);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 429 ? texts.login.tooMany : texts.login.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.page}>
      <div className="container">
        <div className={styles.card}>
          <h1 className={styles.title}>{t.title}</h1>
          {sent ? (
            <p className={styles.success} role="status" data-testid="reset-sent">
              {t.sent}
            </p>
          ) : (
            <>
              <p className={styles.lead}>{t.lead}</p>
              <form className={styles.form} onSubmit={submit}>
                {error && (
                  <p className={styles.error} role="alert">
                    {error}
                  </p>
                )}
                <div className={styles.field}>
                  <label className={styles.label} htmlFor="email">
                    {texts.login.email}
                  </label>
                  <input className={styles.input} id="email" name="email" type="email" autoComplete="email" required />
                </div>
                <button type="submit" className="btn btn--primary" disabled={busy}>
                  {t.submit}
                </button>
              </form>
            </>
          )}
          <div className={styles.links}>
            <Link href="/login">{t.back}</Link>
          </div>
        </div>
      </div>
    </section>
  );
}
