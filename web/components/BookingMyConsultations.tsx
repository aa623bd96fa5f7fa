'use client';

import { useCallback, useEffect, useState } from 'react';
import { isApiError } from '@/lib/api';
import {
  cancelMine,
  formatDateTime,
  myConsultations,
  rescheduleMine,
  type Consultation,
} from '@/lib/booking';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { RequireRole } from './RequireRole';
import { BookingSlotPicker } from './BookingSlotPicker';
import { signOut } from '@/lib/session';
import styles from './Booking.module.css';

const CHANGEABLE = ['pending_payment', 'confirmed'];

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
    <section className={`container ${styles.page}`} aria-labelledby="mine-title">
      <div className={styles.adminNav}>
        <h1 id="mine-title" className={styles.title}>{t.title}</h1>
        <button type="button" className={`btn btn--secondary ${styles.small}`} onClick={() => signOut().catch(() => undefined).finally(() => window.location.assign('/'))}>
          {t.signOut}
        </button>
      </div>
      {error && <p className={styles.alert} role="alert">{error}</p>}
      {items === null && !error && <p className={styles.muted}>{texts.flow.loading}</p>}
      {items !== null && items.length === 0 && <p className={styles.muted}>{t.empty}</p>}
      {items?.map((c) => (
        <article key={c.id} className={styles.panel} style={{ marginBottom: '1rem' }} data-testid="my-consultation">
          <dl className={styles.summary}>
            <dt>{texts.flow.whenLabel}</dt>
            <dd>{formatDateTime(c.scheduled_at, lang)}</dd>
            <dt>{texts.flow.doctorLabel}</dt>
            <dd>{c.doctor_name} · {c.specialty}</dd>
            <dt>{texts.manage.status}</dt>
            <dd>{texts.status[c.status] ?? c.status}</dd>
          </dl>
          {CHANGEABLE.includes(c.status) && new Date(c.scheduled_at).getTime() > Date.now() && (
            <div className={styles.actions}>
              <button type="button" className={`btn btn--secondary ${styles.small}`}
                onClick={() => setPicking(picking === c.id ? null : c.id)}>
                {t.reschedule}
              </button>
              <button type="button" className={`btn btn--secondary ${styles.small}`} onClick={() => cancel(c.id)}>
                {t.cancel}
              </button>
            </div>
          )}
          {picking === c.id && (
            <div style={{ marginTop: '1rem' }}>
              <BookingSlotPicker doctorId={c.doctor_id} lang={lang} onPick={(s) => reschedule(c.id, s.starts_at)} />
            </div>
          )}
        </article>
      ))}
    </section>
  );
}
