'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { CardPage, Field, Notice, SubmitButton, ui } from '@/components/ui';

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
    <CardPage title={t.title} lead={sent ? undefined : t.lead}>
      {sent ? (
        <Notice kind="success" testId="reset-sent">
          {t.sent}
        </Notice>
      ) : (
        <form className={ui.form} onSubmit={submit}>
          {error && <Notice kind="error">{error}</Notice>}
          <Field id="email" name="email" type="email" label={texts.login.email} autoComplete="email" required />
          <SubmitButton busy={busy}>{t.submit}</SubmitButton>
        </form>
      )}
      <div className={ui.links}>
        <Link href="/login">{t.back}</Link>
      </div>
    </CardPage>
  );
}
