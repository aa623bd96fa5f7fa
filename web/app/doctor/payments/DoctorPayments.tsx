'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { PaymentStatusBadge } from '@/components/PaymentStatusBadge';
import { RequireRole } from '@/components/RequireRole';
import { StaffHeader } from '@/components/StaffHeader';
import { DataTable, Notice, Page, ui } from '@/components/ui';
import own from '@/components/Payments.module.css';
import { formatAmount, formatDateTime, periodLabel, type Period } from '@/lib/format';
import { paymentTexts } from '@/lib/i18n/payments';
import type { Lang } from '@/lib/i18n';
import { doctorPayments, type DoctorPayments as Answer } from '@/lib/payments';
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
      <Page aria-labelledby="doctor-payments-title">
        <h1 id="doctor-payments-title" className={ui.title}>{t.title}</h1>
        <p className={ui.lead}>{t.lead}</p>
        {error && <Notice kind="error">{texts.error}</Notice>}

        <h2>{t.totals}</h2>
        <div className={own.switch} role="group" aria-label={t.period}>
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={p === period} onClick={() => setPeriod(p)}
              data-testid={`period-${p}`}>
              {texts.periods[p]}
            </button>
          ))}
        </div>
        {!data && !error && <p className={ui.muted}>{texts.loading}</p>}
        {data && (
          <DataTable
            testId="payment-totals"
            columns={[
              t.period,
              { label: t.count, className: own.amount },
              { label: t.gross, className: own.amount },
              { label: t.refunded, className: own.amount },
              { label: t.net, className: own.amount },
            ]}
            rows={data.totals}
            empty={t.none}
            row={(row) => (
              <tr key={`${row.period}-${row.currency}`}>
                <td>{periodLabel(row.period, period, lang)}</td>
                <td className={own.amount}>{row.count}</td>
                <td className={own.amount}>{money(row.gross, row.currency)}</td>
                <td className={own.amount}>{money(row.refunded, row.currency)}</td>
                <td className={own.amount}><strong>{money(row.net, row.currency)}</strong></td>
              </tr>
            )}
          />
        )}

        <h2 className={own.listTitle}>{t.list}</h2>
        {data && (
          <DataTable
            testId="payment-list"
            columns={[
              t.consultation,
              t.scheduled,
              t.paidAt,
              { label: t.amount, className: own.amount },
              t.status,
              { label: t.refund, className: own.amount },
            ]}
            rows={data.payments}
            empty={t.none}
            row={(p) => (
              <tr key={p.id} data-testid="payment-row" data-consultation-id={p.consultation_id}>
                <td>{texts.success.number(p.consultation_id)}</td>
                <td>{p.scheduled_at ? formatDateTime(p.scheduled_at, lang) : '—'}</td>
                <td>{p.paid_at ? formatDateTime(p.paid_at, lang) : '—'}</td>
                <td className={own.amount}>{money(p.amount, p.currency)}</td>
                <td><PaymentStatusBadge status={p.status} lang={lang} /></td>
                <td className={own.amount}>{p.refund_amount ? money(p.refund_amount, p.currency) : '—'}</td>
              </tr>
            )}
          />
        )}
        <div className={ui.actions}>
          <Link href="/doctor">{t.back}</Link>
        </div>
      </Page>
    </>
  );
}
