'use client';

import { useState, type FormEvent } from 'react';
import styles from '@/components/Staff.module.css';
import { api, ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { authedFetch } from '@/lib/session';

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
        token = (await authedFetch<{ token: string }>('/admin/medical-professionals/registration-tokens', {
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
    <div className={styles.panel}>
      <h2 className={styles.title}>{t.registerTitle}</h2>
      <p className={styles.hint}>{t.registerLead}</p>
      <form className={styles.form} onSubmit={submit} aria-label={t.registerTitle}>
        {result && (
          <p className={result.kind === 'ok' ? styles.success : styles.error} role="status" data-testid="register-result">
            {result.text}
          </p>
        )}
        <Field id="reg-email" name="email" label={t.email} type="email" />
        <Field id="reg-full-name" name="full_name" label={t.fullName} />
        <Field id="reg-license" name="license_number" label={t.license} />
        <Field id="reg-specialty" name="specialty" label={t.specialty} />
        <Field id="reg-token" name="registration_token" label={t.token} required={false} type="password" />
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t.register}
        </button>
      </form>
    </div>
  );
}

function Field({
  id,
  name,
  label,
  type = 'text',
  required = true,
}: {
  id: string;
  name: string;
  label: string;
  type?: string;
  required?: boolean;
}) {
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      <input className={styles.input} id={id} name={name} type={type} required={required} autoComplete="off" />
    </div>
  );
}
