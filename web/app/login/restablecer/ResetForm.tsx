'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import styles from '@/components/Staff.module.css';
import { PasswordFields } from '../PasswordFields';

/** Sets a new password with the single-use token of an emailed reset link. */
export function ResetForm({ lang, token }: { lang: Lang; token: string | null }) {
  const texts = localized({ es, en }, lang);
  const t = texts.reset;
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(token ? null : t.missing);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('new_password') ?? '');
    if ([...password].length < 12) return setError(texts.change.tooShort);
    if (password !== String(form.get('confirm') ?? '')) return setError(texts.change.mismatch);
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/reset-password-confirm', { token, new_password: password });
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setError(texts.change.weak);
      else if (e instanceof ApiError && e.status === 429) setError(texts.login.tooMany);
      else setError(t.invalid);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.page}>
      <div className="container">
        <div className={styles.card}>
          <h1 className={styles.title}>{t.title}</h1>
          {done ? (
            <p className={styles.success} role="status" data-testid="reset-done">
              {t.done}
            </p>
          ) : (
            <form className={styles.form} onSubmit={submit} noValidate>
              {error && (
                <p className={styles.error} role="alert">
                  {error}
                </p>
              )}
              {token && (
                <>
                  <PasswordFields labels={texts.change} />
                  <button type="submit" className="btn btn--primary" disabled={busy}>
                    {t.submit}
                  </button>
                </>
              )}
            </form>
          )}
          <div className={styles.links}>
            <Link href={done ? '/login' : '/login/recuperar'}>{done ? t.goLogin : texts.forgot.title}</Link>
          </div>
        </div>
      </div>
    </section>
  );
}
