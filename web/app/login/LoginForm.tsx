'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { CardPage, Field, Notice, SubmitButton, ui } from '@/components/ui';
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
    <CardPage title={t.title} lead={t.lead}>
      <form className={ui.form} onSubmit={submit} noValidate>
        {error && (
          <Notice kind="error" testId="login-error">
            {error}
          </Notice>
        )}
        <Field id="email" name="email" type="email" label={t.email} autoComplete="username" required />
        <Field id="password" name="password" type="password" label={t.password} autoComplete="current-password" required />
        <SubmitButton busy={busy} busyLabel={t.submitting}>
          {t.submit}
        </SubmitButton>
      </form>
      <div className={ui.links}>
        <Link href="/login/recuperar">{t.forgot}</Link>
        <p className={ui.hint}>{t.firstAccess}</p>
      </div>
    </CardPage>
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
