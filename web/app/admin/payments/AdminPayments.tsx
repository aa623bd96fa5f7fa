'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { AdminPager, AdminShell } from '@/components/AdminShell';
import { PaymentStatusBadge } from '@/components/PaymentStatusBadge';
import { DataTable, Field, FilterBar, FilterSelect, Notice, SubmitButton, ui } from '@/components/ui';
import own from '@/components/Payments.module.css';
import { isApiError } from '@/lib/api';
import { publicDoctors, type PublicDoctor } from '@/lib/booking';
import { formatAmount, formatDateTime } from '@/lib/format';
import { paymentTexts } from '@/lib/i18n/payments';
import type { Lang } from '@/lib/i18n';
import {
  adminPayments,
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
      <h1 className={ui.title}>{t.title}</h1>
      <FilterBar onApply={apply} applyLabel={t.apply}>
        <FilterSelect id="p-status" label={t.status} anyLabel={t.anyStatus} value={form.status}
          options={PAYMENT_STATUSES.map((s) => ({ value: s, label: texts.status[s] }))}
          onChange={(status) => setForm({ ...form, status })} />
        <FilterSelect id="p-doctor" label={t.doctor} anyLabel={t.anyDoctor} value={form.doctor_id}
          options={doctors.map((d) => ({ value: d.id, label: d.full_name }))}
          onChange={(doctor_id) => setForm({ ...form, doctor_id })} />
        <Field id="p-consultation" label={t.consultation} inputMode="numeric" value={form.consultation_id}
          onChange={(e) => setForm({ ...form, consultation_id: e.target.value })} />
      </FilterBar>
      {message && <Notice kind="success">{message}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <p className={ui.muted}>{texts.loading}</p>}
      {data && (
        <>
          <DataTable
            testId="admin-payments"
            columns={[
              t.columns.id,
              t.columns.consultation,
              t.columns.doctor,
              { label: t.columns.amount, className: own.amount },
              t.columns.status,
              { label: t.columns.refunded, className: own.amount },
              t.columns.paidAt,
              canRefund && t.columns.actions,
            ]}
            rows={data.items}
            empty={t.none}
            row={(p) => (
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
                        <button type="button" className={`btn btn--secondary ${ui.small}`}
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
            )}
          />
          <AdminPager lang={lang} page={filter.page} size={data.size} total={data.total}
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
      <form className={ui.form} onSubmit={submit} noValidate>
        <h2 id="refund-title">{t.refundTitle(payment.id)}</h2>
        <p className={ui.muted}>{t.refundLeft(formatAmount(left, payment.currency, lang))}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <Field id="refund-amount" label={t.refundAmount} inputMode="decimal" value={amount}
          onChange={(e) => setAmount(e.target.value)} />
        <Field id="refund-reason" label={t.refundReason} required maxLength={500} value={reason}
          onChange={(e) => setReason(e.target.value)} />
        <div className={ui.actions}>
          <button type="button" className="btn btn--secondary" onClick={() => dialog.current?.close()}>{t.cancel}</button>
          <SubmitButton busy={busy}>{t.confirmRefund}</SubmitButton>
        </div>
      </form>
    </dialog>
  );
}
