'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { Field, Notice, ui } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { freeSlots } from '@/lib/booking';
import { subjectOf } from '@/lib/clinical';
import { changeDoctorConsultation, doctorConsultation, type DoctorConsultation } from '@/lib/doctor';
import { formatAmount, formatDateTime } from '@/lib/format';
import { doctorTexts } from '@/lib/i18n/doctor';
import type { Lang } from '@/lib/i18n';
import { PdfButtons } from '@/components/pdf/PdfButtons';
import { VideoControls } from '@/components/video/VideoControls';
import { pdfPaths } from '@/lib/pdf';
import { DoctorShell } from './DoctorShell';

/**
 * `/doctor/consultations/[id]`: one consultation of the doctor, with the changes a doctor may make (cancel with a
 * reason, mark a no-show, move to a free slot), the video controls (start, join, end) while it is confirmed, and its PDFs.
 */
export function ConsultationDetail({ lang, id }: { lang: Lang; id: number }) {
  return (
    <DoctorShell lang={lang} labelledBy="consultation-title">
      {(session) => <Detail lang={lang} id={id} doctorId={Number(subjectOf(session.access_token))} />}
    </DoctorShell>
  );
}

function Detail({ lang, id, doctorId }: { lang: Lang; id: number; doctorId: number }) {
  const t = doctorTexts[lang];
  const d = t.detail;
  const [c, setC] = useState<DoctorConsultation | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [slots, setSlots] = useState<string[] | null>(null);
  const [slot, setSlot] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    doctorConsultation(id)
      .then(setC)
      .catch((e) => (isApiError(e) && e.status === 404 ? setMissing(true) : setError(t.error)));
  }, [id, t.error]);
  useEffect(load, [load]);

  const active = c && (c.status === 'confirmed' || c.status === 'pending_payment');
  useEffect(() => {
    if (!active || !Number.isFinite(doctorId)) return;
    const from = new Date();
    freeSlots(doctorId, from, new Date(from.getTime() + 14 * 86_400_000))
      .then((s) => setSlots(s.slots.map((x) => x.starts_at)))
      .catch(() => setSlots([]));
  }, [active, doctorId]);

  async function change(body: { status?: string; scheduled_at?: string; reason?: string }) {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setC(await changeDoctorConsultation(id, body));
      setMessage(d.done);
      setReason('');
      setSlot('');
    } catch (e) {
      if (isApiError(e) && e.status === 409) setError(e.type?.endsWith('/slot-taken') ? d.conflict : d.invalid);
      else if (isApiError(e) && e.status === 422) setError(d.conflict);
      else setError(t.error);
    } finally {
      setBusy(false);
    }
  }

  if (missing) {
    return (
      <div data-testid="consultation-not-found">
        <h1 id="consultation-title" className={ui.title}>{d.notFound}</h1>
        <p><Link href="/doctor/consultations">{d.back}</Link></p>
      </div>
    );
  }
  return (
    <>
      <p><Link href="/doctor/consultations">← {d.back}</Link></p>
      <h1 id="consultation-title" className={ui.title}>{d.title(id)}</h1>
      {error && <Notice kind="error">{error}</Notice>}
      {message && <Notice kind="success">{message}</Notice>}
      {!c && !error && <p className={ui.muted}>{t.loading}</p>}
      {c && (
        <>
          <div className={ui.panel} data-testid="consultation-detail">
            <dl className={ui.summary}>
              <dt>{d.patient}</dt>
              <dd data-testid="consultation-patient">
                {c.patient_name ?? t.list.withheld}
                {c.patient_name && (
                  <>
                    {' · '}
                    <Link href={`/doctor/patients/${c.patient_id}`} data-testid="patient-history-link">{d.history}</Link>
                  </>
                )}
              </dd>
              <dt>{d.when}</dt>
              <dd>
                {formatDateTime(c.scheduled_at, lang)} · {d.duration(c.duration_minutes)}
              </dd>
              <dt>{d.reason}</dt>
              <dd>{c.reason_for_visit || '—'}</dd>
              <dt>{d.status}</dt>
              <dd data-testid="consultation-status">{t.status[c.status] ?? c.status}</dd>
              <dt>{d.payment}</dt>
              <dd data-testid="consultation-payment">{t.payment[c.payment_status] ?? c.payment_status}</dd>
              <dt>{d.amount}</dt>
              <dd>{formatAmount(c.amount, c.currency, lang)}</dd>
              {c.status === 'cancelled' && (
                <>
                  <dt>{d.cancelled}</dt>
                  <dd>{c.cancel_note || c.cancel_reason || '—'}</dd>
                </>
              )}
            </dl>
          </div>
          {(c.status === 'confirmed' || c.status === 'in_progress') && (
            <div data-slot="video-controls">
              <VideoControls consultationId={c.id} patientId={c.patient_id} lang={lang} />
            </div>
          )}
          <div data-slot="pdf-buttons">
            <PdfButtons lang={lang} links={[
              { path: pdfPaths.consultation(c.id), label: d.pdfConsultation },
              { path: pdfPaths.consultationSummary(c.id), label: d.pdfSummary },
            ]} />
          </div>
          {active && (
            <section className={ui.panel} aria-labelledby="actions-title" data-testid="consultation-actions">
              <h2 id="actions-title">{d.actions}</h2>
              <form className={ui.form} onSubmit={(e) => { e.preventDefault(); void change({ status: 'cancelled', reason }); }}>
                <Field id="cancel-reason" label={d.cancelReason} value={reason} maxLength={500}
                  onChange={(e) => setReason(e.target.value)} />
                <p className={ui.hint}>{d.cancelHint}</p>
                <div className={ui.actions}>
                  <button type="submit" className="btn btn--secondary" disabled={busy} data-testid="cancel-consultation">
                    {d.cancel}
                  </button>
                </div>
              </form>
              {c.status === 'confirmed' && (
                <div className={ui.actions}>
                  <button type="button" className="btn btn--secondary" disabled={busy} data-testid="mark-no-show"
                    onClick={() => void change({ status: 'no_show' })}>
                    {d.noShow}
                  </button>
                </div>
              )}
              <form className={ui.form} onSubmit={(e) => { e.preventDefault(); if (slot) void change({ scheduled_at: slot }); }}>
                <Field id="reschedule-slot" label={d.reschedule} control={(props) => (
                  <select {...props} value={slot} onChange={(e) => setSlot(e.target.value)}>
                    <option value="">{d.pickSlot}</option>
                    {(slots ?? []).map((s) => (
                      <option key={s} value={s}>{formatDateTime(s, lang)}</option>
                    ))}
                  </select>
                )} />
                {slots && slots.length === 0 && <p className={ui.hint}>{d.noSlots}</p>}
                <div className={ui.actions}>
                  <button type="submit" className="btn btn--secondary" disabled={busy || !slot} data-testid="reschedule">
                    {d.move}
                  </button>
                </div>
              </form>
            </section>
          )}
        </>
      )}
    </>
  );
}
