'use client';

import { useEffect, useState } from 'react';
import { isApiError } from './api';
import type { Lang } from './i18n';
import { paymentTexts } from './i18n/payments';
import { checkoutRefusal, goToCheckout, holdLeft, type KeptBooking } from './payments';

export interface HoldCountdown {
  /** Milliseconds left on the hold (0 once it ran out, or without a hold). */
  left: number;
  minutes: number;
  seconds: number;
  /** Whether the checkout is being opened. */
  paying: boolean;
  /** Why the checkout could not be opened, for the patient. */
  payError: string | null;
  /**
   * Opens the checkout of the kept booking. When the service says the consultation can no longer be paid,
   * `onNotPayable` runs if given; otherwise the patient is told so.
   */
  pay: (kept: KeptBooking, onNotPayable?: () => void) => Promise<void>;
}

/**
 * The countdown of a held slot (ticking each second) and the way to its checkout, shared by the booking's payment
 * step and the checkout's cancel page. `onExpired` runs once the hold has run out.
 */
export function useHoldCountdown(
  holdExpiresAt: string | null | undefined,
  lang: Lang,
  onExpired?: () => void,
): HoldCountdown {
  const [now, setNow] = useState(() => Date.now());
  const [paying, setPaying] = useState(false);
  const [payError, setPayError] = useState<string | null>(null);
  const left = holdLeft(holdExpiresAt, now);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    if (left === 0 && onExpired) onExpired();
  }, [left, onExpired]);

  async function pay(kept: KeptBooking, onNotPayable?: () => void) {
    setPaying(true);
    setPayError(null);
    try {
      await goToCheckout(kept);
    } catch (e) {
      const refusal = checkoutRefusal(isApiError(e) ? e.status : 0);
      if (refusal === 'not-payable' && onNotPayable) return onNotPayable();
      const c = paymentTexts[lang].checkout;
      setPayError(
        refusal === 'not-payable'
          ? c.notPayable
          : refusal === 'unavailable'
            ? c.unavailable
            : refusal === 'bad-link'
              ? c.badLink
              : c.error,
      );
      setPaying(false);
    }
  }

  return { left, minutes: Math.floor(left / 60000), seconds: Math.floor((left % 60000) / 1000), paying, payError, pay };
}
