'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { AdminShell } from '@/components/AdminShell';
import { FilterSelect } from '@/components/FilterSelect';
import { Pager } from '@/components/AdminPatients';
import { PaymentStatusBadge } from '@/components/PaymentStatusBadge';
import styles from '@/components/Booking.module.css';
import own from '@/components/Payments.module.css';
import { isApiError } from '@/lib/api';
import { formatDateTime, publicDoctors, type PublicDoctor } from '@/lib/booking';
import { paymentTexts } from '@/lib/i18n/payments';
import type { Lang } from '@/lib/i18n';
import {
  adminPayments,
  formatAmount,
  parseAmount,
  PAYMENT_STATUSES,
  refundable,
  refundPayment,
  type AdminPayment,
  type PaymentFilter,
  type PaymentPage,
} from '@/lib/payments';
import type { Session } from '@/lib/session';

/** `/admin/payments`: every payment, filtered and paged; admins and medical admins can refund (it_admin reads). */
export function AdminPayments({ lang }: { lang: Lang }) {
  return <AdminShell lang={lang}>{(session) => <Payments lang={lang} session={session} />}</AdminShell>;
}

function Payments({ lang, session }: { lang: Lang; session: Session }) {
  const texts = paymentTexts[lang];
  const t = texts.admin;
  const canRefund = session.role === 'admin' || session.role === 'medical_admin';
  const [form, setForm] = useState({ status: '', doctor_id: '', consultation_id: '' });
  const [filter, setFilter] = useState<PaymentFilter>({ page: 0 });
  const [data, setData] = useState<PaymentPage | null>(null);
  const [doctors, setDoctors] = useState<PublicDoctor[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [refunding, setRefunding] = useState<AdminPayment | null>(null);

  const load = useCallback(() => {
    adminPayments(filter).then(setData).catch(() => setError(texts.error));
  }, [filter, texts.error]);
  useEffect(load, [load]);
  useEffect(() => {
    publicDoctors().then(setDoctors).catch(() => setDoctors([]));
  }, []);

  const doctorName = (id: number) => doctors.find((d) => d.id === id)?.full_name ?? `#${id}`;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFilter({ ...form, consultation_id: form.consultation_id.replace(/\D/g, ''), page: 0 });
  };

  return (
    <>
      <h1 className={styles.title}>{t.title}</h1>
      <form className={styles.filters} onSubmit={apply}>
        <FilterSelect id="p-status" label={t.status} anyLabel={t.anyStatus} value={form.status}
          options={PAYMENT_STATUSES.map((s) => ({ value: s, label: texts.status[s] }))}
          onChange={(status) => setForm({ ...form, status })} />
        <FilterSelect id="p-doctor" label={t.doctor} anyLabel={t.anyDoctor} value={form.doctor_id}
          options={doctors.map((d) => ({ value: d.id, label: d.full_name }))}
          onChange={(doctor_id) => setForm({ ...form, doctor_id })} />
        <div className={styles.field}>
          <label htmlFor="p-consultation">{t.consultation}</label>
          <input id="p-consultation" inputMode="numeric" value={form.consultation_id}
            onChange={(e) => setForm({ ...form, consultation_id: e.target.value })} />
        </div>
        <button type="submit" className="btn btn--secondary">{t.apply}</button>
      </form>
      {message && <p className={styles.notice} role="status">{message}</p>}
      {error && <p className={styles.alert} role="alert">{error}</p>}
      {!data && !error && <p className={styles.muted}>{texts.loading}</p>}
      {data && (
        <>
          {data.items.length === 0 && <p className={styles.muted}>{t.none}</p>}
          {data.items.length > 0 && (
            <div className={styles.tableWrap}>
              <table className={styles.table} data-testid="admin-payments">
                <thead>
                  <tr>
                    <th>{t.columns.id}</th>
                    <th>{t.columns.consultation}</th>
                    <th>{t.columns.doctor}</th>
                    <th className={own.amount}>{t.columns.amount}</th>
                    <th>{t.columns.status}</th>
                    <th className={own.amount}>{t.columns.refunded}</th>
                    <th>{t.columns.paidAt}</th>
                    {canRefund && <th>{t.columns.actions}</th>}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((p) => (
                    <tr key={p.id} data-testid="admin-payment-row" data-consultation-id={p.consultation_id}>
                      <td>{p.id}</td>
                      <td>{p.consultation_id}</td>
                      <td>{doctorName(p.doctor_id)}</td>
                      <td className={own.amount}>{formatAmount(p.amount, p.currency, lang)}</td>
                      <td><PaymentStatusBadge status={p.status} lang={lang} /></td>
                      <td className={own.amount}>
                        {p.refund_amount ? formatAmount(p.refund_amount, p.currency, lang) : '—'}
                      </td>
                      <td>{p.paid_at ? formatDateTime(p.paid_at, lang) : '—'}</td>
                      {canRefund && (
                        <td>
                          {(p.status === 'succeeded' || p.status === 'partially_refunded') &&
                            refundable(p.amount, p.refund_amount) > 0 && (
                              <button type="button" className={`btn btn--secondary ${styles.small}`}
                                onClick={() => {
                                  setMessage(null);
                                  setRefunding(p);
                                }}>
                                {t.refund}
                              </button>
                            )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager lang={lang} page={filter.page} size={data.size} total={data.total}
            onPage={(page) => setFilter({ ...filter, page })} />
        </>
      )}
      {refunding && (
        <RefundDialog
          lang={lang}
          payment={refunding}
          onClose={() => setRefunding(null)}
          onDone={() => {
            setRefunding(null);
            setMessage(t.refunded);
            load();
          }}
        />
      )}
    </>
  );
}

/** Confirmation of a refund: the amount (empty refunds everything left) and the reason, both sent as typed. */
function RefundDialog({
  lang,
  payment,
  onClose,
  onDone,
}: {
  lang: Lang;
  payment: AdminPayment;
  onClose: () => void;
  onDone: () => void;
}) {
  const texts = paymentTexts[lang];
  const t = texts.admin;
  const dialog = useRef<HTMLDialogElement>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const left = refundable(payment.amount, payment.refund_amount);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const minor = amount.trim() === '' ? undefined : parseAmount(amount);
    if (minor === null) return setError(t.badAmount);
    if (minor !== undefined && minor > left) return setError(t.tooMuch);
    if (reason.trim() === '') return setError(t.needReason);
    setBusy(true);
    try {
      await refundPayment(payment.id, { amount: minor, reason: reason.trim() });
      onDone();
    } catch (err) {
      if (isApiError(err) && err.status === 422) setError(t.tooMuch);
      else if (isApiError(err) && err.status === 409) setError(t.notRefundable);
      else setError(texts.error);
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className={own.dialog} onClose={onClose} aria-labelledby="refund-title" data-testid="refund-dialog">
      <form className={styles.form} onSubmit={submit} noValidate>
        <h2 id="refund-title">{t.refundTitle(payment.id)}</h2>
        <p className={styles.muted}>{t.refundLeft(formatAmount(left, payment.currency, lang))}</p>
        {error && <p className={styles.alert} role="alert">{error}</p>}
        <div className={styles.field}>
          <label htmlFor="refund-amount">{t.refundAmount}</label>
          <input id="refund-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </div>
        <div className={styles.field}>
          <label htmlFor="refund-reason">{t.refundReason}</label>
          <input id="refund-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className={styles.actions}>
          <button type="button" className="btn btn--secondary" onClick={() => dialog.current?.close()}>{t.cancel}</button>
          <button type="submit" className="btn btn--primary" disabled={busy}>{t.confirmRefund}</button>
        </div>
      </form>
    </dialog>
  );
}
