'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { isApiError } from '@/lib/api';
import {
  cancelMine,
  myConsultations,
  rescheduleMine,
  type Consultation,
} from '@/lib/booking';
import { formatDateTime } from '@/lib/format';
import { bookingTexts } from '@/lib/i18n/booking';
import { videoTexts } from '@/lib/i18n/video';
import type { Lang } from '@/lib/i18n';
import { pdfPaths } from '@/lib/pdf';
import { PdfButtons } from './pdf/PdfButtons';
import { RequireRole } from './RequireRole';
import { BookingSlotPicker } from './booking/SlotPicker';
import { signOut } from '@/lib/session';
import { Notice, Page, ui } from './ui';

const CHANGEABLE = ['pending_payment', 'confirmed'];
/** Consultations that have a summary worth keeping: paid for, held, or over. */
const DOCUMENTED = ['confirmed', 'in_progress', 'completed', 'no_show'];

/** The signed-in patient's consultations, with cancel and reschedule (the API enforces the cutoff). */
export function BookingMyConsultations({ lang }: { lang: Lang }) {
  return (
    <RequireRole roles={['patient']} loginPath="/acceso">
      {() => <MyConsultations lang={lang} />}
    </RequireRole>
  );
}

function MyConsultations({ lang }: { lang: Lang }) {
  const texts = bookingTexts[lang];
  const t = texts.mine;
  const [items, setItems] = useState<Consultation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState<number | null>(null);

  const load = useCallback(() => {
    myConsultations()
      .then((page) => setItems(page.items))
      .catch(() => setError(texts.flow.error));
  }, [texts.flow.error]);

  useEffect(load, [load]);

  const failed = (e: unknown) => {
    if (isApiError(e) && e.status === 409) setError(texts.flow.slotTaken);
    else if (isApiError(e) && e.status === 422)
      setError(e.type?.endsWith('/cutoff-passed') ? texts.manage.cutoffPassed : texts.flow.unavailable);
    else setError(texts.flow.error);
  };

  async function cancel(id: number) {
    if (!window.confirm(t.confirmCancel)) return;
    setError(null);
    try {
      await cancelMine(id);
      load();
    } catch (e) {
      failed(e);
    }
  }

  async function reschedule(id: number, startsAt: string) {
    setError(null);
    try {
      await rescheduleMine(id, startsAt);
      setPicking(null);
      load();
    } catch (e) {
      failed(e);
    }
  }

  return (
    <Page aria-labelledby="mine-title">
      <div className={ui.toolbar}>
        <h1 id="mine-title" className={ui.title}>{t.title}</h1>
        <button type="button" className={`btn btn--secondary ${ui.small}`} onClick={() => signOut().catch(() => undefined).finally(() => window.location.assign('/'))}>
          {t.signOut}
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {items === null && !error && <p className={ui.muted}>{texts.flow.loading}</p>}
      {items !== null && items.length === 0 && <p className={ui.muted}>{t.empty}</p>}
      {items?.map((c) => (
        <article key={c.id} className={ui.panel} style={{ marginBottom: '1rem' }} data-testid="my-consultation">
          <dl className={ui.summary}>
            <dt>{texts.flow.whenLabel}</dt>
            <dd>{formatDateTime(c.scheduled_at, lang)}</dd>
            <dt>{texts.flow.doctorLabel}</dt>
            <dd>{c.doctor_name} · {c.specialty}</dd>
            <dt>{texts.manage.status}</dt>
            <dd>{texts.status[c.status] ?? c.status}</dd>
          </dl>
          {DOCUMENTED.includes(c.status) && (
            <PdfButtons lang={lang} links={[{ path: pdfPaths.consultationSummary(c.id), label: t.summaryPdf }]} />
          )}
          {CHANGEABLE.includes(c.status) && new Date(c.scheduled_at).getTime() > Date.now() && (
            <div className={ui.actions}>
              <button type="button" className={`btn btn--secondary ${ui.small}`}
                onClick={() => setPicking(picking === c.id ? null : c.id)}>
                {t.reschedule}
              </button>
              <button type="button" className={`btn btn--secondary ${ui.small}`} onClick={() => cancel(c.id)}>
                {t.cancel}
              </button>
            </div>
          )}
          {c.status === 'confirmed' && (
            <p>
              <Link href={`/video-room?consultation=${c.id}`} data-testid="join-video">
                {videoTexts[lang].patient.join}
              </Link>
            </p>
          )}
          {picking === c.id && (
            <div style={{ marginTop: '1rem' }}>
              <BookingSlotPicker doctorId={c.doctor_id} lang={lang} onPick={(s) => reschedule(c.id, s.starts_at)} />
            </div>
          )}
        </article>
      ))}
    </Page>
  );
}
