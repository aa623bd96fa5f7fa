'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { isApiError } from '@/lib/api';
import { formatAmount, formatDateTime } from '@/lib/format';
import { paymentTexts } from '@/lib/i18n/payments';
import type { Lang } from '@/lib/i18n';
import {
  checkoutStatus,
  confirmationState,
  forgetBooking,
  type CheckoutStatus,
  type ConfirmationState,
} from '@/lib/payments';
import { Notice, Page, ui } from '@/components/ui';
import own from '@/components/Payments.module.css';

/** Quick polls while the confirmation normally arrives, then slower ones in case it is only late. */
const FAST_MS = 1_000;
const SLOW_MS = 5_000;
const GIVE_UP_MS = 3 * 60_000;

/**
 * The checkout's return page. Paying is confirmed asynchronously (Stripe → webhook → booking → back), so it polls
 * the session's status: "received, confirming…", then confirmed, refunded (paid after the hold ran out), failed,
 * or after ~20 s "on its way by email". The answer holds no personal data of the patient.
 */
export function PaymentSuccess({ lang, sessionId }: { lang: Lang; sessionId: string }) {
  const t = paymentTexts[lang].success;
  const [status, setStatus] = useState<CheckoutStatus | null>(null);
  const [state, setState] = useState<ConfirmationState>('waiting');
  const [unknown, setUnknown] = useState(!sessionId);

  useEffect(() => {
    if (!sessionId) return;
    const started = Date.now();
    let timer: number | undefined;
    let stopped = false;
    let misses = 0;

    const poll = async () => {
      let answer: CheckoutStatus | null = null;
      try {
        answer = await checkoutStatus(sessionId);
        setStatus(answer);
      } catch (e) {
        // A session the service does not know is a wrong link; anything else is worth another try.
        if (isApiError(e) && e.status === 404 && ++misses >= 3) {
          setUnknown(true);
          return;
        }
      }
      if (stopped) return;
      const waited = Date.now() - started;
      const next = confirmationState(answer, waited);
      setState(next);
      if (next === 'confirmed' || next === 'refunded') {
        if (answer) forgetBooking(window.sessionStorage, answer.consultation_id);
        return;
      }
      if (next === 'failed' || waited > GIVE_UP_MS) return;
      timer = window.setTimeout(poll, next === 'slow' ? SLOW_MS : FAST_MS);
    };
    poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [sessionId]);

  const heading = unknown
    ? t.title
    : { waiting: t.title, confirmed: t.confirmed, refunded: t.refunded, failed: t.failed, slow: t.slow }[state];

  return (
    <Page aria-labelledby="payment-result-title">
      <div className={own.result}>
        <h1 id="payment-result-title" className={ui.title} data-testid="payment-result-title">{heading}</h1>
        <div aria-live="polite" data-testid="payment-result" data-state={unknown ? 'unknown' : state}>
          {unknown && <Notice kind="error">{t.unknown}</Notice>}
          {!unknown && (
            <Notice kind={state === 'refunded' || state === 'failed' ? 'error' : 'success'} role={null}>
              {{ waiting: t.received, confirmed: t.confirmedLead, refunded: t.refundedLead, failed: t.failedLead,
                slow: t.slowLead }[state]}
            </Notice>
          )}
        </div>
        {status && !unknown && (
          <div className={ui.panel}>
            <dl className={ui.summary}>
              <dt>{t.consultation}</dt>
              <dd data-testid="payment-consultation-id">{t.number(status.consultation_id)}</dd>
              {status.doctor_name && (
                <>
                  <dt>{t.doctor}</dt>
                  <dd>{status.doctor_name}</dd>
                </>
              )}
              <dt>{t.when}</dt>
              <dd>{formatDateTime(status.scheduled_at, lang)}</dd>
              <dt>{t.amount}</dt>
              <dd data-testid="payment-amount">{formatAmount(status.amount, status.currency, lang)}</dd>
              {state === 'refunded' && status.refund_amount != null && (
                <>
                  <dt>{t.refundAmount}</dt>
                  <dd>{formatAmount(status.refund_amount, status.currency, lang)}</dd>
                </>
              )}
            </dl>
          </div>
        )}
        <div className={ui.actions}>
          {(state === 'refunded' || state === 'failed' || unknown) && (
            <Link className="btn btn--primary" href="/reserva">{t.bookAnother}</Link>
          )}
          <Link className="btn btn--secondary" href="/">{t.home}</Link>
        </div>
      </div>
    </Page>
  );
}
