'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { CardPage, Notice, SubmitButton, ui } from '@/components/ui';
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
    <CardPage title={t.title}>
      {done ? (
        <Notice kind="success" testId="reset-done">
          {t.done}
        </Notice>
      ) : (
        <form className={ui.form} onSubmit={submit} noValidate>
          {error && <Notice kind="error">{error}</Notice>}
          {token && (
            <>
              <PasswordFields labels={texts.change} />
              <SubmitButton busy={busy}>{t.submit}</SubmitButton>
            </>
          )}
        </form>
      )}
      <div className={ui.links}>
        <Link href={done ? '/login' : '/login/recuperar'}>{done ? t.goLogin : texts.forgot.title}</Link>
      </div>
    </CardPage>
  );
}
