'use client';

import { useState, type FormEvent } from 'react';
import { Field, Notice, SubmitButton, ui } from '@/components/ui';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { authedFetch } from '@/lib/session';
import type { Schemas } from '@/lib/api/types';

/**
 * Registers a medical professional. With the token field empty the panel first asks for a one-time registration
 * token (only an it_admin may), so the shared secret need not be typed.
 */
export function RegisterDoctorForm({ lang, onRegistered }: { lang: Lang; onRegistered: () => void }) {
  const texts = localized({ es, en }, lang);
  const t = texts.it;
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const value = (key: string) => String(form.get(key) ?? '').trim();
    setBusy(true);
    setResult(null);
    try {
      let token = value('registration_token');
      if (!token) {
        token = (await authedFetch<Schemas['OneTime']>('/admin/medical-professionals/registration-tokens', {
          method: 'POST',
          body: {},
        })).token;
      }
      const email = value('email');
      await api.post('/auth/register-medical-professional', {
        email,
        full_name: value('full_name'),
        license_number: value('license_number'),
        specialty: value('specialty'),
        registration_token: token,
      });
      formElement.reset();
      setResult({ kind: 'ok', text: t.registered(email) });
      onRegistered();
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      setResult({
        kind: 'error',
        text: status === 409 ? t.duplicate : status === 403 ? t.badToken : status === 400 || status === 422 ? t.invalid : t.failed,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={ui.panel}>
      <h2>{t.registerTitle}</h2>
      <p className={ui.hint}>{t.registerLead}</p>
      <form className={ui.form} onSubmit={submit} aria-label={t.registerTitle}>
        {result && (
          <Notice kind={result.kind === 'ok' ? 'success' : 'error'} role="status" testId="register-result">
            {result.text}
          </Notice>
        )}
        <Field id="reg-email" name="email" label={t.email} type="email" required autoComplete="off" />
        <Field id="reg-full-name" name="full_name" label={t.fullName} required autoComplete="off" />
        <Field id="reg-license" name="license_number" label={t.license} required autoComplete="off" />
        <Field id="reg-specialty" name="specialty" label={t.specialty} required autoComplete="off" />
        <Field id="reg-token" name="registration_token" label={t.token} type="password" autoComplete="off" />
        <SubmitButton busy={busy}>{t.register}</SubmitButton>
      </form>
    </div>
  );
}
