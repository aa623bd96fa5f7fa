'use client';

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { isApiError, type ApiError } from '@/lib/api';
import {
  bookPublic,
  formatDateTime,
  formatMoney,
  formatTime,
  publicDoctors,
  viewerTimeZone,
  type BookingAnswer,
  type PublicDoctor,
  type Slot,
} from '@/lib/booking';
import { bookingTexts } from '@/lib/i18n/booking';
import { paymentTexts } from '@/lib/i18n/payments';
import { checkoutRefusal, forgetBooking, goToCheckout, keepBooking } from '@/lib/payments';
import type { Lang } from '@/lib/i18n';
import { BookingSlotPicker } from './BookingSlotPicker';
import styles from './Booking.module.css';

type Step = 0 | 1 | 2 | 3 | 4;

const problemCode = (e: ApiError) => e.type?.split('/').pop() ?? '';

/** Specialty → doctor → day and time (in the patient's zone) → details → payment step with the hold. */
export function BookingFlow({ lang }: { lang: Lang }) {
  const t = bookingTexts[lang].flow;
  const [doctors, setDoctors] = useState<PublicDoctor[] | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [step, setStep] = useState<Step>(0);
  const [specialty, setSpecialty] = useState<string | null>(null);
  const [doctor, setDoctor] = useState<PublicDoctor | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [form, setForm] = useState({ full_name: '', email: '', phone: '', reason_for_visit: '' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [booking, setBooking] = useState<BookingAnswer | null>(null);
  const [refreshSlots, setRefreshSlots] = useState(0);

  useEffect(() => {
    publicDoctors().then(setDoctors).catch(() => setLoadError(true));
  }, []);

  const specialties = useMemo(
    () => Array.from(new Set((doctors ?? []).map((d) => d.specialty ?? '').filter(Boolean))).sort(),
    [doctors],
  );
  const shownDoctors = (doctors ?? []).filter((d) => !specialty || d.specialty === specialty);

  const backToSlots = (text: string) => {
    setMessage(text);
    setSlot(null);
    setBooking(null);
    setRefreshSlots((n) => n + 1);
    setStep(2);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!doctor || !slot) return;
    setBusy(true);
    setMessage(null);
    setFieldErrors({});
    try {
      const answer = await bookPublic({
        doctor_id: doctor.id,
        specialty: doctor.specialty,
        scheduled_at: slot.starts_at,
        full_name: form.full_name,
        email: form.email,
        phone: form.phone,
        reason_for_visit: form.reason_for_visit,
        locale: lang,
        timezone: viewerTimeZone(),
      });
      setBooking(answer);
      setStep(4);
    } catch (e) {
      if (!isApiError(e)) {
        setMessage(t.error);
      } else if (e.status === 409) {
        backToSlots(t.slotTaken);
      } else if (e.status === 422) {
        backToSlots(t.unavailable);
      } else if (e.status === 400) {
        const code = problemCode(e);
        const errors: Record<string, string> = {};
        if (code === 'invalid-email') errors.email = t.invalidEmail;
        if (code === 'invalid-phone') errors.phone = t.invalidPhone;
        if (code === 'invalid-name') errors.full_name = e.detail ?? t.invalid;
        setFieldErrors(errors);
        setMessage(t.invalid);
      } else {
        setMessage(t.error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={`container ${styles.page}`} aria-labelledby="booking-title">
      <h1 id="booking-title" className={styles.title}>{t.title}</h1>
      <p className={styles.lead}>{t.lead}</p>
      <ol className={styles.steps} aria-label={t.title}>
        {t.steps.map((name, i) => {
          const index = i <= 2 ? i : i - 1; // day and time are one step of the flow
          const current = index === step;
          return (
            <li
              key={name}
              className={`${styles.step} ${current ? styles.stepCurrent : index < step ? styles.stepDone : ''}`}
              aria-current={current ? 'step' : undefined}
            >
              {name}
            </li>
          );
        })}
      </ol>

      {message && <p className={styles.alert} role="alert" data-testid="booking-message">{message}</p>}

      <div className={styles.panel}>
        {step === 0 && (
          <div>
            <h2>{t.specialty}</h2>
            {loadError && <p className={styles.alert} role="alert">{t.error}</p>}
            {doctors === null && !loadError && <p className={styles.muted}>{t.loading}</p>}
            {doctors !== null && doctors.length === 0 && <p className={styles.muted}>{t.noDoctors}</p>}
            {doctors !== null && doctors.length > 0 && (
              <div className={styles.grid}>
                {[null, ...specialties].map((s) => (
                  <button
                    key={s ?? 'all'}
                    type="button"
                    className={styles.choice}
                    data-testid="booking-specialty"
                    onClick={() => {
                      setSpecialty(s);
                      setStep(1);
                    }}
                  >
                    <strong>{s ?? t.allSpecialties}</strong>
                  </button>
                ))}
              </div>
            )}
          </div>
        )}

        {step === 1 && (
          <div>
            <h2>{t.doctor}</h2>
            <div className={styles.grid}>
              {shownDoctors.map((d) => (
                <button
                  key={d.id}
                  type="button"
                  className={styles.choice}
                  data-testid="booking-doctor"
                  data-doctor-id={d.id}
                  onClick={() => {
                    setDoctor(d);
                    setMessage(null);
                    setStep(2);
                  }}
                >
                  <strong>{d.full_name}</strong>
                  <span>{d.specialty}</span>
                  <span className={styles.muted}>
                    {t.fee}: {formatMoney(d.consultation_fee, d.currency, lang)} · {t.duration(d.duration_minutes)}
                  </span>
                  <span className={styles.muted}>
                    {t.languages}: {d.languages.join(', ').toUpperCase()}
                  </span>
                  <span className={styles.muted}>
                    {d.next_slots.length > 0
                      ? `${t.nextSlot}: ${formatDateTime(d.next_slots[0].starts_at, lang)}`
                      : t.noNextSlot}
                  </span>
                </button>
              ))}
            </div>
            <div className={styles.actions}>
              <button type="button" className="btn btn--secondary" onClick={() => setStep(0)}>{t.back}</button>
            </div>
          </div>
        )}

        {step === 2 && doctor && (
          <div>
            <p className={styles.muted}>
              <strong>{doctor.full_name}</strong> · {doctor.specialty}
            </p>
            <BookingSlotPicker
              doctorId={doctor.id}
              lang={lang}
              refreshKey={refreshSlots}
              onPick={(s) => {
                setSlot(s);
                setMessage(null);
                setStep(3);
              }}
            />
            <div className={styles.actions}>
              <button type="button" className="btn btn--secondary" onClick={() => setStep(1)}>{t.back}</button>
            </div>
          </div>
        )}

        {step === 3 && doctor && slot && (
          <form className={styles.form} onSubmit={submit} noValidate>
            <h2>{t.details}</h2>
            <dl className={styles.summary}>
              <dt>{t.doctorLabel}</dt>
              <dd>{doctor.full_name} · {doctor.specialty}</dd>
              <dt>{t.whenLabel}</dt>
              <dd data-testid="booking-when">{formatDateTime(slot.starts_at, lang)}</dd>
              <dt>{t.fee}</dt>
              <dd>{formatMoney(doctor.consultation_fee, doctor.currency, lang)}</dd>
            </dl>
            {(
              [
                ['full_name', t.fullName, 'text', 'name'],
                ['email', t.email, 'email', 'email'],
                ['phone', t.phone, 'tel', 'tel'],
              ] as const
            ).map(([name, label, type, autoComplete]) => (
              <div className={styles.field} key={name}>
                <label htmlFor={`booking-${name}`}>{label}</label>
                <input
                  id={`booking-${name}`}
                  name={name}
                  type={type}
                  autoComplete={autoComplete}
                  required
                  value={form[name]}
                  aria-invalid={fieldErrors[name] ? true : undefined}
                  aria-describedby={fieldErrors[name] ? `booking-${name}-error` : undefined}
                  onChange={(e) => setForm({ ...form, [name]: e.target.value })}
                />
                {fieldErrors[name] && (
                  <span id={`booking-${name}-error`} className={styles.fieldError}>{fieldErrors[name]}</span>
                )}
              </div>
            ))}
            <div className={styles.field}>
              <label htmlFor="booking-reason">{t.reason}</label>
              <textarea
                id="booking-reason"
                rows={3}
                maxLength={2000}
                value={form.reason_for_visit}
                onChange={(e) => setForm({ ...form, reason_for_visit: e.target.value })}
              />
            </div>
            <p className={styles.muted}>{t.privacy}</p>
            <div className={styles.actions}>
              <button type="button" className="btn btn--secondary" onClick={() => setStep(2)}>{t.back}</button>
              <button type="submit" className="btn btn--primary" disabled={busy}>
                {busy ? t.submitting : t.submit}
              </button>
            </div>
          </form>
        )}

        {step === 4 && booking && (
          <BookingPaymentStep lang={lang} booking={booking} onExpired={() => backToSlots(t.holdExpired)} />
        )}
      </div>
    </section>
  );
}

/** The payment step: what was booked, how long the slot is held, and the way to the checkout. */
function BookingPaymentStep({
  lang,
  booking,
  onExpired,
}: {
  lang: Lang;
  booking: BookingAnswer;
  onExpired: () => void;
}) {
  const t = bookingTexts[lang].flow;
  const expiresAt = new Date(booking.hold_expires_at).getTime();
  const [now, setNow] = useState(() => Date.now());
  const [paying, setPaying] = useState(false);
  const [payError, setPayError] = useState<string | null>(null);
  const p = paymentTexts[lang].checkout;
  const left = Math.max(0, expiresAt - now);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    if (left === 0) onExpired();
  }, [left, onExpired]);

  async function pay() {
    setPaying(true);
    setPayError(null);
    const kept = {
      consultation_id: booking.consultation_id,
      checkout_token: booking.next_step.checkout_token,
      hold_expires_at: booking.hold_expires_at,
      doctor_name: booking.doctor_name,
      scheduled_at: booking.scheduled_at,
      amount: booking.amount,
      currency: booking.currency,
    };
    // Kept in the tab so the cancel page can open the checkout again while the hold lives.
    keepBooking(window.sessionStorage, kept);
    try {
      await goToCheckout(kept);
    } catch (e) {
      const refusal = checkoutRefusal(isApiError(e) ? e.status : 0);
      if (refusal === 'not-payable') {
        forgetBooking(window.sessionStorage, booking.consultation_id);
        onExpired();
        return;
      }
      setPayError(refusal === 'unavailable' ? p.unavailable : refusal === 'bad-link' ? p.badLink : p.error);
      setPaying(false);
    }
  }

  const minutes = Math.floor(left / 60000);
  const seconds = Math.floor((left % 60000) / 1000);
  return (
    <div data-testid="booking-payment">
      <h2>{t.payment}</h2>
      <p className={styles.notice}>{t.held}</p>
      <dl className={styles.summary}>
        <dt>{t.summary}</dt>
        <dd data-testid="booking-consultation-id">{t.consultationNumber(booking.consultation_id)}</dd>
        <dt>{t.doctorLabel}</dt>
        <dd>{booking.doctor_name} · {booking.specialty}</dd>
        <dt>{t.whenLabel}</dt>
        <dd>{formatDateTime(booking.scheduled_at, lang)}</dd>
        <dt>{t.fee}</dt>
        <dd>{formatMoney(booking.amount, booking.currency, lang)}</dd>
      </dl>
      <p data-testid="booking-hold">{t.holdLeft(formatTime(booking.hold_expires_at, lang))}</p>
      <p className={styles.countdown} aria-live="polite">{t.remaining(minutes, seconds)}</p>
      {payError && <p className={styles.alert} role="alert">{payError}</p>}
      <div className={styles.actions}>
        <button type="button" className="btn btn--primary btn--lg" onClick={pay} disabled={paying}>
          {paying ? t.paying : t.pay}
        </button>
      </div>
    </div>
  );
}
