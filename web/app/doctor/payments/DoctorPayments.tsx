'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { PaymentStatusBadge } from '@/components/PaymentStatusBadge';
import { RequireRole } from '@/components/RequireRole';
import { StaffHeader } from '@/components/StaffHeader';
import styles from '@/components/Booking.module.css';
import own from '@/components/Payments.module.css';
import { formatDateTime } from '@/lib/booking';
import { paymentTexts } from '@/lib/i18n/payments';
import type { Lang } from '@/lib/i18n';
import { doctorPayments, formatAmount, periodLabel, type DoctorPayments as Answer, type Period } from '@/lib/payments';
import type { Session } from '@/lib/session';

const DOCTOR_ROLES = ['specialist', 'doctor'] as const;
const PERIODS: Period[] = ['day', 'week', 'month'];

/** `/doctor/payments`: what the signed-in doctor's consultations brought in, per period, and each payment. */
export function DoctorPayments({ lang }: { lang: Lang }) {
  return (
    <RequireRole roles={DOCTOR_ROLES}>{(session) => <PaymentsPanel session={session} lang={lang} />}</RequireRole>
  );
}

function PaymentsPanel({ session, lang }: { session: Session; lang: Lang }) {
  const texts = paymentTexts[lang];
  const t = texts.doctor;
  const [period, setPeriod] = useState<Period>('month');
  const [data, setData] = useState<Answer | null>(null);
  const [error, setError] = useState(false);

  useEffect(() => {
    setError(false);
    doctorPayments(period)
      .then(setData)
      .catch(() => setError(true));
  }, [period]);

  const money = (minor: number | null | undefined, currency: string) =>
    minor == null ? '—' : formatAmount(minor, currency, lang);

  return (
    <>
      <StaffHeader session={session} lang={lang} />
      <section className={`container ${styles.page}`} aria-labelledby="doctor-payments-title">
        <h1 id="doctor-payments-title" className={styles.title}>{t.title}</h1>
        <p className={styles.lead}>{t.lead}</p>
        {error && <p className={styles.alert} role="alert">{texts.error}</p>}

        <h2>{t.totals}</h2>
        <div className={own.switch} role="group" aria-label={t.period}>
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={p === period} onClick={() => setPeriod(p)}
              data-testid={`period-${p}`}>
              {texts.periods[p]}
            </button>
          ))}
        </div>
        {!data && !error && <p className={styles.muted}>{texts.loading}</p>}
        {data && data.totals.length === 0 && <p className={styles.muted}>{t.none}</p>}
        {data && data.totals.length > 0 && (
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="payment-totals">
              <thead>
                <tr>
                  <th>{t.period}</th>
                  <th className={own.amount}>{t.count}</th>
                  <th className={own.amount}>{t.gross}</th>
                  <th className={own.amount}>{t.refunded}</th>
                  <th className={own.amount}>{t.net}</th>
                </tr>
              </thead>
              <tbody>
                {data.totals.map((row) => (
                  <tr key={`${row.period}-${row.currency}`}>
                    <td>{periodLabel(row.period, period, lang)}</td>
                    <td className={own.amount}>{row.count}</td>
                    <td className={own.amount}>{money(row.gross, row.currency)}</td>
                    <td className={own.amount}>{money(row.refunded, row.currency)}</td>
                    <td className={own.amount}><strong>{money(row.net, row.currency)}</strong></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h2 style={{ marginTop: '2rem' }}>{t.list}</h2>
        {data && data.payments.length === 0 && <p className={styles.muted}>{t.none}</p>}
        {data && data.payments.length > 0 && (
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="payment-list">
              <thead>
                <tr>
                  <th>{t.consultation}</th>
                  <th>{t.scheduled}</th>
                  <th>{t.paidAt}</th>
                  <th className={own.amount}>{t.amount}</th>
                  <th>{t.status}</th>
                  <th className={own.amount}>{t.refund}</th>
                </tr>
              </thead>
              <tbody>
                {data.payments.map((p) => (
                  <tr key={p.id} data-testid="payment-row" data-consultation-id={p.consultation_id}>
                    <td>{texts.success.number(p.consultation_id)}</td>
                    <td>{p.scheduled_at ? formatDateTime(p.scheduled_at, lang) : '—'}</td>
                    <td>{p.paid_at ? formatDateTime(p.paid_at, lang) : '—'}</td>
                    <td className={own.amount}>{money(p.amount, p.currency)}</td>
                    <td><PaymentStatusBadge status={p.status} lang={lang} /></td>
                    <td className={own.amount}>{p.refund_amount ? money(p.refund_amount, p.currency) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className={styles.actions}>
          <Link href="/doctor">{t.back}</Link>
        </div>
      </section>
    </>
  );
}
