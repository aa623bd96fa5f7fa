'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { authedFetch, homeFor, loadSession, type Session } from '@/lib/session';
import { CardPage, Field, Notice, ui } from '@/components/ui';
import { RecoveryCodeList } from '@/components/RecoveryCodeList';
import type { Schemas } from '@/lib/api/types';

type MfaStatus = Schemas['Status'];

type Action = 'recovery-codes' | 'disable';

/**
 * A staff member's own security settings: whether two-step verification is on, how many recovery codes are left,
 * and — proving the password and a code again — a new set of recovery codes or turning MFA off.
 */
export function AccountSecurity({ lang }: { lang: Lang }) {
  const texts = localized({ es, en }, lang);
  const t = texts.security;
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<MfaStatus | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(
    () =>
      authedFetch<MfaStatus>('/auth/mfa')
        .then(setStatus)
        .catch((e) => {
          if (e instanceof ApiError && e.status === 401) window.location.replace('/login?next=/cuenta/seguridad');
          else setNotice({ kind: 'error', text: t.failed });
        }),
    [t],
  );

  useEffect(() => {
    const current = loadSession();
    if (!current || current.role === 'patient') {
      window.location.replace('/login?next=/cuenta/seguridad');
      return;
    }
    setSession(current);
    void reload();
  }, [reload]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const action = (submitter?.value ?? 'recovery-codes') as Action;
    const form = new FormData(event.currentTarget);
    const body = {
      password: String(form.get('password') ?? ''),
      code: String(form.get('code') ?? '').trim(),
    };
    setBusy(true);
    setNotice(null);
    setCodes([]);
    try {
      if (action === 'disable') {
        await authedFetch('/auth/mfa/disable', { method: 'POST', body });
        setNotice({ kind: 'success', text: t.disabled });
      } else {
        const made = await authedFetch<Schemas['NewRecoveryCodes']>('/auth/mfa/recovery-codes', {
          method: 'POST',
          body,
        });
        setCodes(made.recovery_codes);
        setNotice({ kind: 'success', text: t.newCodesDone });
      }
      (event.target as HTMLFormElement).reset();
      await reload();
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof ApiError && e.status === 422 ? t.wrongProof : t.failed });
    } finally {
      setBusy(false);
    }
  }

  if (!session) return null;
  return (
    <CardPage title={t.title} lead={t.lead}>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {status && (
        <p data-testid="mfa-status">
          {status.enabled ? t.mfaOn : t.mfaOff}
          {status.enabled && <> {t.codesLeft(status.recovery_codes_left)}</>}
        </p>
      )}
      {codes.length > 0 && (
        <RecoveryCodeList codes={codes} title={texts.mfa.recoveryTitle} lead={texts.mfa.recoveryLead} />
      )}
      {status && !status.enabled && (
        <p className={ui.links}>
          <Link href="/login/mfa/activar?next=/cuenta/seguridad">{t.turnOn}</Link>
        </p>
      )}
      {status?.enabled && (
        <form className={ui.form} onSubmit={submit} noValidate>
          <p>{t.proofLead}</p>
          <Field id="password" name="password" type="password" label={t.password} autoComplete="current-password" required />
          <Field
            id="code"
            name="code"
            label={t.code}
            hint={texts.mfa.codeHint}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={20}
            required
          />
          <button type="submit" className="btn btn--primary" name="action" value="recovery-codes" disabled={busy}>
            {t.newCodes}
          </button>
          <button
            type="submit"
            className="btn btn--secondary"
            name="action"
            value="disable"
            disabled={busy}
            data-testid="mfa-disable"
          >
            {t.disable}
          </button>
        </form>
      )}
      <p className={ui.links}>
        <Link href={homeFor(session.role)}>{t.back}</Link>
      </p>
    </CardPage>
  );
}
