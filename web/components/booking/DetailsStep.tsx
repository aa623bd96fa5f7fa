import { useState, type FormEvent } from 'react';
import { isApiError, type ApiError } from '@/lib/api';
import { bookPublic, type BookingAnswer, type PublicDoctor, type Slot } from '@/lib/booking';
import { PROVIDERS, type CaptchaSettings } from '@/lib/captcha';
import { formatAmount, formatDateTime, viewerTimeZone } from '@/lib/format';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { Field, SubmitButton, ui } from '@/components/ui';
import { BackButton } from './BackButton';

const problemCode = (e: ApiError) => e.type?.split('/').pop() ?? '';

/** A refused token cannot be sent again: the widget must make a new one. */
function resetCaptcha(captcha: CaptchaSettings | null) {
  const w = window as unknown as { turnstile?: { reset: () => void }; hcaptcha?: { reset: () => void } };
  if (captcha?.provider === 'turnstile') w.turnstile?.reset();
  if (captcha?.provider === 'hcaptcha') w.hcaptcha?.reset();
}

const FIELDS = [
  ['full_name', 'fullName', 'text', 'name'],
  ['email', 'email', 'email', 'email'],
  ['phone', 'phone', 'tel', 'tel'],
] as const;

/**
 * Step 4: the patient's details, then the booking itself. A slot taken meanwhile (409) or no longer bookable (422)
 * sends the patient back to the times with `onSlotGone`; other refusals are said with `onMessage`.
 */
export function DetailsStep({
  lang,
  captcha = null,
  doctor,
  slot,
  onBooked,
  onMessage,
  onSlotGone,
  onBack,
}: {
  lang: Lang;
  captcha?: CaptchaSettings | null;
  doctor: PublicDoctor;
  slot: Slot;
  onBooked: (answer: BookingAnswer) => void;
  onMessage: (text: string | null) => void;
  onSlotGone: (text: string) => void;
  onBack: () => void;
}) {
  const t = bookingTexts[lang].flow;
  const [form, setForm] = useState({ full_name: '', email: '', phone: '', reason_for_visit: '' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The widget writes its token into a hidden field of this form.
    const captchaToken = captcha
      ? String(new FormData(event.currentTarget).get(PROVIDERS[captcha.provider].field) ?? '') || undefined
      : undefined;
    setBusy(true);
    onMessage(null);
    setFieldErrors({});
    try {
      onBooked(
        await bookPublic({
          doctor_id: doctor.id,
          specialty: doctor.specialty ?? undefined,
          scheduled_at: slot.starts_at,
          ...form,
          locale: lang,
          timezone: viewerTimeZone(),
          ...(captchaToken ? { captcha_token: captchaToken } : {}),
        }),
      );
    } catch (e) {
      if (!isApiError(e)) {
        onMessage(t.error);
      } else if (e.status === 429) {
        // Too many bookings or live holds from here: say so plainly, the form keeps what was typed.
        onMessage(t.tooMany);
      } else if (e.status === 422 && problemCode(e) === 'captcha-failed') {
        onMessage(t.captchaFailed);
        resetCaptcha(captcha);
      } else if (e.status === 409) {
        onSlotGone(t.slotTaken);
      } else if (e.status === 422) {
        onSlotGone(t.unavailable);
      } else if (e.status === 400) {
        const code = problemCode(e);
        const errors: Record<string, string> = {};
        if (code === 'invalid-email') errors.email = t.invalidEmail;
        if (code === 'invalid-phone') errors.phone = t.invalidPhone;
        if (code === 'invalid-name') errors.full_name = e.detail ?? t.invalid;
        setFieldErrors(errors);
        onMessage(t.invalid);
      } else {
        onMessage(t.error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={ui.form} onSubmit={submit} noValidate>
      <h2>{t.details}</h2>
      <dl className={ui.summary}>
        <dt>{t.doctorLabel}</dt>
        <dd>
          {doctor.full_name} · {doctor.specialty}
        </dd>
        <dt>{t.whenLabel}</dt>
        <dd data-testid="booking-when">{formatDateTime(slot.starts_at, lang)}</dd>
        <dt>{t.fee}</dt>
        <dd>{formatAmount(doctor.consultation_fee, doctor.currency, lang)}</dd>
      </dl>
      {FIELDS.map(([name, label, type, autoComplete]) => (
        <Field
          key={name}
          id={`booking-${name}`}
          name={name}
          label={t[label]}
          type={type}
          autoComplete={autoComplete}
          required
          value={form[name]}
          error={fieldErrors[name]}
          onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        />
      ))}
      <Field
        id="booking-reason"
        label={t.reason}
        control={(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={2000}
            value={form.reason_for_visit}
            onChange={(e) => setForm({ ...form, reason_for_visit: e.target.value })}
          />
        )}
      />
      {captcha && (
        <div
          className={PROVIDERS[captcha.provider].widgetClass}
          data-sitekey={captcha.siteKey}
          data-language={lang}
          data-testid="booking-captcha"
        />
      )}
      <p className={ui.muted}>{t.privacy}</p>
      <div className={ui.actions}>
        <BackButton lang={lang} onBack={onBack} />
        <SubmitButton busy={busy} busyLabel={t.submitting}>
          {t.submit}
        </SubmitButton>
      </div>
    </form>
  );
}
