'use client';

import { useCallback, useEffect, useState } from 'react';
import { isApiError } from '@/lib/api';
import {
  manageCancel,
  manageReschedule,
  manageView,
  type ManagedConsultation,
} from '@/lib/booking';
import { formatDateTime } from '@/lib/format';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { BookingSlotPicker } from './booking/SlotPicker';
import { Notice, Page, ui } from './ui';

/** The patient's secure link: see the consultation, cancel it or move it until the cutoff. */
export function BookingManage({ lang, id, token }: { lang: Lang; id: string; token: string }) {
  const texts = bookingTexts[lang];
  const t = texts.manage;
  const [managed, setManaged] = useState<ManagedConsultation | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    if (!id || !token) {
      setInvalid(true);
      return;
    }
    manageView(id, token)
      .then(setManaged)
      .catch(() => setInvalid(true));
  }, [id, token]);

  useEffect(load, [load]);

  const failed = (e: unknown) => {
    if (isApiError(e) && e.status === 409) setError(texts.flow.slotTaken);
    else if (isApiError(e) && e.status === 422) setError(e.type?.endsWith('/cutoff-passed') ? t.cutoffPassed : texts.flow.unavailable);
    else if (isApiError(e) && e.status === 404) setInvalid(true);
    else setError(texts.flow.error);
  };

  async function cancel() {
    if (!window.confirm(t.confirmCancel)) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await manageCancel(id, token);
      setManaged(answer);
      setMessage(t.cancelled);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  async function reschedule(startsAt: string) {
    setBusy(true);
    setError(null);
    try {
      const answer = await manageReschedule(id, token, startsAt);
      setManaged(answer);
      setPicking(false);
      setMessage(t.rescheduled);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page aria-labelledby="manage-title">
      <h1 id="manage-title" className={ui.title}>{t.title}</h1>
      {message && <Notice kind="success">{message}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {invalid && !managed && <Notice kind="error">{t.invalidLink}</Notice>}
      {!invalid && !managed && <p className={ui.muted}>{texts.flow.loading}</p>}
      {managed && (
        <div className={ui.panel}>
          <dl className={ui.summary}>
            <dt>{texts.flow.doctorLabel}</dt>
            <dd>{managed.consultation.doctor_name} · {managed.consultation.specialty}</dd>
            <dt>{texts.flow.whenLabel}</dt>
            <dd>{formatDateTime(managed.consultation.scheduled_at, lang)}</dd>
            <dt>{t.status}</dt>
            <dd data-testid="manage-status">{texts.status[managed.consultation.status] ?? managed.consultation.status}</dd>
          </dl>
          {managed.can_cancel ? (
            <p className={ui.muted}>{t.cutoff(formatDateTime(managed.change_cutoff_at, lang))}</p>
          ) : (
            managed.consultation.status !== 'cancelled' && <p className={ui.muted}>{t.cutoffPassed}</p>
          )}
          {managed.can_cancel && (
            <div className={ui.actions}>
              <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => setPicking(!picking)}>
                {t.reschedule}
              </button>
              <button type="button" className="btn btn--primary" disabled={busy} onClick={cancel}>
                {t.cancel}
              </button>
            </div>
          )}
          {picking && managed.can_reschedule && (
            <div style={{ marginTop: '1.5rem' }}>
              <h2>{t.pickNew}</h2>
              <BookingSlotPicker
                doctorId={managed.consultation.doctor_id}
                lang={lang}
                onPick={(slot) => reschedule(slot.starts_at)}
              />
            </div>
          )}
        </div>
      )}
    </Page>
  );
}
