'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { isApiError } from '@/lib/api';
import { formatDateTime, formatTime } from '@/lib/booking';
import { paymentTexts } from '@/lib/i18n/payments';
import type { Lang } from '@/lib/i18n';
import {
  checkoutRefusal,
  checkoutStatus,
  formatAmount,
  goToCheckout,
  holdLeft,
  keptBooking,
  type CheckoutStatus,
  type KeptBooking,
} from '@/lib/payments';
import styles from '@/components/Booking.module.css';
import own from '@/components/Payments.module.css';

/**
 * The checkout's cancel page. Nothing was charged; while the hold lives and this tab still keeps the booking's
 * checkout token, a countdown and "pay now" open the checkout again, otherwise the way back is a new booking.
 */
export function PaymentCancelled({ lang, sessionId }: { lang: Lang; sessionId: string }) {
  const texts = paymentTexts[lang];
  const t = texts.cancelled;
  const [status, setStatus] = useState<CheckoutStatus | null>(null);
  const [kept, setKept] = useState<KeptBooking | null>(null);
  const [loaded, setLoaded] = useState(!sessionId);
  const [now, setNow] = useState(() => Date.now());
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!sessionId) return;
    checkoutStatus(sessionId)
      .then((answer) => {
        setStatus(answer);
        setKept(keptBooking(window.sessionStorage, answer.consultation_id));
      })
      .catch(() => setStatus(null))
      .finally(() => setLoaded(true));
  }, [sessionId]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const paid = status?.payment_status === 'succeeded' || status?.consultation_status === 'confirmed';
  const payable = status?.consultation_status === 'pending_payment' && !paid;
  const left = payable ? holdLeft(status?.hold_expires_at ?? kept?.hold_expires_at, now) : 0;
  const canPay = left > 0 && kept !== null;

  async function payNow() {
    if (!kept) return;
    setOpening(true);
    setError(null);
    try {
      await goToCheckout(kept);
    } catch (e) {
      const refusal = checkoutRefusal(isApiError(e) ? e.status : 0);
      const c = texts.checkout;
      setError(refusal === 'not-payable' ? c.notPayable : refusal === 'unavailable' ? c.unavailable
        : refusal === 'bad-link' ? c.badLink : c.error);
      setOpening(false);
    }
  }

  const minutes = Math.floor(left / 60000);
  const seconds = Math.floor((left % 60000) / 1000);
  return (
    <section className={`container ${styles.page}`} aria-labelledby="payment-cancelled-title">
      <div className={own.result}>
        <h1 id="payment-cancelled-title" className={styles.title}>{t.title}</h1>
        <p className={styles.lead}>{t.lead}</p>
        {error && <p className={styles.alert} role="alert">{error}</p>}
        {!loaded && <p className={styles.muted}>{texts.loading}</p>}
        {status && (
          <div className={styles.panel}>
            <dl className={styles.summary}>
              <dt>{texts.success.consultation}</dt>
              <dd>{texts.success.number(status.consultation_id)}</dd>
              {status.doctor_name && (
                <>
                  <dt>{texts.success.doctor}</dt>
                  <dd>{status.doctor_name}</dd>
                </>
              )}
              <dt>{texts.success.when}</dt>
              <dd>{formatDateTime(status.scheduled_at, lang)}</dd>
              <dt>{texts.success.amount}</dt>
              <dd>{formatAmount(status.amount, status.currency, lang)}</dd>
            </dl>
            {paid && <p className={styles.notice}>{t.alreadyPaid}</p>}
            {canPay && (
              <div data-testid="payment-pay-again">
                <p>{t.held(formatTime((status.hold_expires_at ?? kept.hold_expires_at) as string, lang))}</p>
                <p className={styles.countdown} aria-live="polite">{t.remaining(minutes, seconds)}</p>
                <div className={styles.actions}>
                  <button type="button" className="btn btn--primary btn--lg" onClick={payNow} disabled={opening}>
                    {opening ? texts.checkout.opening : texts.checkout.payAgain}
                  </button>
                </div>
              </div>
            )}
            {!paid && !canPay && (
              <p className={styles.muted} data-testid="payment-not-payable">{left > 0 ? t.notKept : t.expired}</p>
            )}
          </div>
        )}
        {loaded && !canPay && (
          <div className={styles.actions}>
            <Link className="btn btn--primary" href="/reserva">{t.backToBooking}</Link>
          </div>
        )}
      </div>
    </section>
  );
}
