/**
 * Pure helpers of the payment pages: status badges, typed amounts, checkout return URLs and the booking kept in
 * the tab between the checkout and the return pages (dates and amounts are formatted by `format.ts`). No imports,
 * so `npm test` can load it with plain Node.
 */

export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'expired' | 'refunded' | 'partially_refunded';
export type BadgeTone = 'success' | 'warning' | 'danger' | 'neutral' | 'info';

export const PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'pending',
  'succeeded',
  'failed',
  'expired',
  'refunded',
  'partially_refunded',
];

/** The colour a payment status is shown in (unknown statuses stay neutral rather than alarming). */
export function badgeTone(status: string): BadgeTone {
  switch (status) {
    case 'succeeded':
      return 'success';
    case 'pending':
      return 'info';
    case 'partially_refunded':
    case 'refunded':
      return 'warning';
    case 'failed':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** "45,50" or "45.5" (what a person types) in minor units; null when it is not a positive amount. */
export function parseAmount(typed: string): number | null {
  const cleaned = typed.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const minor = Math.round(Number(cleaned) * 100);
  return minor > 0 ? minor : null;
}

/** What the payment service may still refund of a payment. */
export function refundable(amount: number, refunded: number | null | undefined): number {
  return Math.max(0, amount - (refunded ?? 0));
}

/** The return pages of the checkout, on the site's own origin (the service appends `session_id`). */
export function checkoutReturnUrls(origin: string): { success_url: string; cancel_url: string } {
  const base = origin.replace(/\/+$/, '');
  return { success_url: `${base}/reserva/pago/exito`, cancel_url: `${base}/reserva/pago/cancelado` };
}

/** Milliseconds left on a hold (0 once it ran out or when the instant cannot be read). */
export function holdLeft(holdExpiresAt: string | null | undefined, now: number): number {
  const end = holdExpiresAt ? Date.parse(holdExpiresAt) : NaN;
  return Number.isNaN(end) ? 0 : Math.max(0, end - now);
}

/** What the tab keeps of a booking so the cancel page can open the checkout again. */
export interface KeptBooking {
  consultation_id: number;
  checkout_token: string;
  hold_expires_at: string;
  doctor_name?: string;
  scheduled_at?: string;
  amount?: number;
  currency?: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEPT_PREFIX = 'telemed.booking.';

export function keepBooking(store: KeyValueStore, booking: KeptBooking): void {
  store.setItem(KEPT_PREFIX + booking.consultation_id, JSON.stringify(booking));
}

/** The kept booking of a consultation, or null when there is none or it is unreadable. */
export function keptBooking(store: KeyValueStore, consultationId: number): KeptBooking | null {
  const raw = store.getItem(KEPT_PREFIX + consultationId);
  if (!raw) return null;
  try {
    const kept = JSON.parse(raw) as KeptBooking;
    return kept.consultation_id === consultationId && typeof kept.checkout_token === 'string' ? kept : null;
  } catch {
    return null;
  }
}

export function forgetBooking(store: KeyValueStore, consultationId: number): void {
  store.removeItem(KEPT_PREFIX + consultationId);
}

/** Where the success page stands after polling: confirmed, refunded, failed, still waiting or gave up waiting. */
export type ConfirmationState = 'waiting' | 'confirmed' | 'refunded' | 'failed' | 'slow';

export function confirmationState(
  session: { payment_status: string; consultation_status: string } | null,
  waitedMs: number,
  patienceMs = 20_000,
): ConfirmationState {
  if (session) {
    if (session.payment_status === 'refunded' || session.payment_status === 'partially_refunded') return 'refunded';
    if (session.consultation_status === 'confirmed' && session.payment_status === 'succeeded') return 'confirmed';
    if (session.payment_status === 'failed' || session.payment_status === 'expired') return 'failed';
  }
  return waitedMs >= patienceMs ? 'slow' : 'waiting';
}

/** Why opening the checkout failed, from the HTTP status of the refusal (0 = no answer). */
export type CheckoutRefusal = 'not-payable' | 'unavailable' | 'bad-link' | 'error';

export function checkoutRefusal(status: number): CheckoutRefusal {
  if (status === 409) return 'not-payable';
  if (status === 503 || status === 0) return 'unavailable';
  if (status === 401 || status === 404) return 'bad-link';
  return 'error';
}
