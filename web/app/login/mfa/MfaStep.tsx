'use client';

import Link from 'next/link';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { CardPage, Field, Notice, SubmitButton, ui } from '@/components/ui';
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
    <CardPage title={t.title} lead={t.lead}>
      <form className={ui.form} onSubmit={submit} noValidate>
        {error && <Notice kind="error">{error}</Notice>}
        <Field
          id="code"
          name="code"
          label={t.code}
          hint={t.codeHint}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={20}
          required
        />
        <SubmitButton busy={busy}>{t.submit}</SubmitButton>
      </form>
      <div className={ui.links}>
        <Link href="/login">{texts.forgot.back}</Link>
      </div>
    </CardPage>
  );
}

/** The six-digit code of an authenticator app (a space in the middle is allowed). */
export function OneTimeCode({ label, pattern }: { label: string; pattern?: string }) {
  return (
    <Field
      id="code"
      name="code"
      label={label}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern={pattern}
      maxLength={7}
      required
    />
  );
}
