'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { formatAmount, formatDateTime, formatTime } from '@/lib/format';
import { paymentTexts } from '@/lib/i18n/payments';
import type { Lang } from '@/lib/i18n';
import { checkoutStatus, keptBooking, type CheckoutStatus, type KeptBooking } from '@/lib/payments';
import { useHoldCountdown } from '@/lib/useHoldCountdown';
import booking from '@/components/booking/booking.module.css';
import { Notice, Page, ui } from '@/components/ui';
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

  const paid = status?.payment_status === 'succeeded' || status?.consultation_status === 'confirmed';
  const payable = status?.consultation_status === 'pending_payment' && !paid;
  const holdEnd = status?.hold_expires_at ?? kept?.hold_expires_at;
  const hold = useHoldCountdown(payable ? holdEnd : null, lang);
  const canPay = hold.left > 0 && kept !== null;

  return (
    <Page aria-labelledby="payment-cancelled-title">
      <div className={own.result}>
        <h1 id="payment-cancelled-title" className={ui.title}>{t.title}</h1>
        <p className={ui.lead}>{t.lead}</p>
        {hold.payError && <Notice kind="error">{hold.payError}</Notice>}
        {!loaded && <p className={ui.muted}>{texts.loading}</p>}
        {status && (
          <div className={ui.panel}>
            <dl className={ui.summary}>
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
            {paid && <Notice kind="success" role={null}>{t.alreadyPaid}</Notice>}
            {canPay && holdEnd && (
              <div data-testid="payment-pay-again">
                <p>{t.held(formatTime(holdEnd, lang))}</p>
                <p className={booking.countdown} aria-live="polite">
                  {t.remaining(hold.minutes, hold.seconds)}
                </p>
                <div className={ui.actions}>
                  <button
                    type="button"
                    className="btn btn--primary btn--lg"
                    onClick={() => void hold.pay(kept)}
                    disabled={hold.paying}
                  >
                    {hold.paying ? texts.checkout.opening : texts.checkout.payAgain}
                  </button>
                </div>
              </div>
            )}
            {!paid && !canPay && (
              <p className={ui.muted} data-testid="payment-not-payable">
                {hold.left > 0 ? t.notKept : t.expired}
              </p>
            )}
          </div>
        )}
        {loaded && !canPay && (
          <div className={ui.actions}>
            <Link className="btn btn--primary" href="/reserva">{t.backToBooking}</Link>
          </div>
        )}
      </div>
    </Page>
  );
}
