'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { apiFetch, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { clearSession, loadSession, type Session } from '@/lib/session';
import { CardPage, Field, Notice, SubmitButton, ui } from '@/components/ui';
import { afterSignIn, safeNext, type SignInAnswer } from '../flow';
import { PasswordFields } from '../PasswordFields';

/**
 * The forced change after a temporary password (the session holds a token that may only do this), or a
 * voluntary change by a signed-in member of staff (then the current password is asked).
 */
export function ChangePasswordForm({ lang, next }: { lang: Lang; next: string | null }) {
  const t = localized({ es, en }, lang).change;
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const current = loadSession();
    if (!current || current.role === 'patient') {
      window.location.replace('/login');
      return;
    }
    setSession(current);
  }, []);

  if (!session) return null;
  const forced = Boolean(session.must_change_password);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('new_password') ?? '');
    if ([...password].length < 12) return setError(t.tooShort);
    if (password !== String(form.get('confirm') ?? '')) return setError(t.mismatch);
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { new_password: password };
      if (!forced) body.current_password = String(form.get('current_password') ?? '');
      const answer = await apiFetch<SignInAnswer>('/auth/change-password', {
        method: 'POST',
        body,
        token: session!.access_token,
      });
      window.location.assign(afterSignIn(answer, safeNext(next)));
    } catch (e) {
      setBusy(false);
      if (e instanceof ApiError && e.status === 401) {
        clearSession();
        setError(t.expired);
      } else if (e instanceof ApiError && e.type?.endsWith('/wrong-current-password')) {
        setError(t.wrongCurrent);
      } else if (e instanceof ApiError && (e.status === 422 || e.status === 400)) {
        setError(t.weak);
      } else {
        setError(t.failed);
      }
    }
  }

  return (
    <CardPage title={t.title} lead={forced ? t.leadForced : t.leadVoluntary}>
      <form className={ui.form} onSubmit={submit} noValidate>
        {error && (
          <Notice kind="error" testId="change-error">
            {error}
          </Notice>
        )}
        {!forced && (
          <Field
            id="current_password"
            name="current_password"
            type="password"
            label={t.current}
            autoComplete="current-password"
            required
          />
        )}
        <PasswordFields labels={t} />
        <SubmitButton busy={busy} busyLabel={t.submitting}>
          {t.submit}
        </SubmitButton>
      </form>
    </CardPage>
  );
}
