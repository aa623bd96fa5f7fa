import type { BookingAnswer } from '@/lib/booking';
import { formatAmount, formatDateTime, formatTime } from '@/lib/format';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { forgetBooking, keepBooking, type KeptBooking } from '@/lib/payments';
import { useHoldCountdown } from '@/lib/useHoldCountdown';
import { Notice, ui } from '@/components/ui';
import styles from './booking.module.css';

/** Step 5: the way to the checkout, or, when the answer has none (already confirmed), that nothing is due. */
export function PaymentStep({
  lang,
  booking,
  onExpired,
}: {
  lang: Lang;
  booking: BookingAnswer;
  onExpired: () => void;
}) {
  const checkout = booking.next_step;
  const holdUntil = booking.hold_expires_at;
  if (!checkout || !holdUntil) {
    return (
      <div data-testid="booking-payment">
        <Notice kind="success" role={null}>{bookingTexts[lang].flow.nothingToPay}</Notice>
      </div>
    );
  }
  return <HeldPayment lang={lang} booking={booking} checkoutToken={checkout.checkout_token} holdUntil={holdUntil}
    onExpired={onExpired} />;
}

/** What was booked, how long the slot is held, and the way to the checkout. */
function HeldPayment({
  lang,
  booking,
  checkoutToken,
  holdUntil,
  onExpired,
}: {
  lang: Lang;
  booking: BookingAnswer;
  checkoutToken: string;
  holdUntil: string;
  onExpired: () => void;
}) {
  const t = bookingTexts[lang].flow;
  const hold = useHoldCountdown(holdUntil, lang, onExpired);

  function pay() {
    const kept: KeptBooking = {
      consultation_id: booking.consultation_id,
      checkout_token: checkoutToken,
      hold_expires_at: holdUntil,
      doctor_name: booking.doctor_name,
      scheduled_at: booking.scheduled_at,
      amount: booking.amount,
      currency: booking.currency,
    };
    // Kept in the tab so the cancel page can open the checkout again while the hold lives.
    keepBooking(window.sessionStorage, kept);
    void hold.pay(kept, () => {
      forgetBooking(window.sessionStorage, booking.consultation_id);
      onExpired();
    });
  }

  return (
    <div data-testid="booking-payment">
      <h2>{t.payment}</h2>
      <Notice kind="success" role={null}>{t.held}</Notice>
      <dl className={ui.summary}>
        <dt>{t.summary}</dt>
        <dd data-testid="booking-consultation-id">{t.consultationNumber(booking.consultation_id)}</dd>
        <dt>{t.doctorLabel}</dt>
        <dd>
          {booking.doctor_name} · {booking.specialty}
        </dd>
        <dt>{t.whenLabel}</dt>
        <dd>{formatDateTime(booking.scheduled_at, lang)}</dd>
        <dt>{t.fee}</dt>
        <dd>{formatAmount(booking.amount, booking.currency, lang)}</dd>
      </dl>
      <p data-testid="booking-hold">{t.holdLeft(formatTime(holdUntil, lang))}</p>
      <p className={styles.countdown} aria-live="polite">
        {t.remaining(hold.minutes, hold.seconds)}
      </p>
      {hold.payError && <Notice kind="error">{hold.payError}</Notice>}
      <div className={ui.actions}>
        <button type="button" className="btn btn--primary btn--lg" onClick={pay} disabled={hold.paying}>
          {hold.paying ? t.paying : t.pay}
        </button>
      </div>
    </div>
  );
}
