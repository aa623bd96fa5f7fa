/** Types and calls of the payment API (checkout, its status, the doctor's and the admin's payments). */
import { api } from './api';
import { authedFetch } from './session';
import type { Period } from './format';
import { checkoutReturnUrls, type KeptBooking } from './paymentFormat';

export * from './paymentFormat';

export interface CheckoutSession {
  checkout_url: string;
  session_id: string;
  consultation_id: number;
  expires_at: string;
}

export interface CheckoutStatus {
  session_id: string;
  consultation_id: number;
  payment_status: string;
  consultation_status: string;
  amount: number;
  currency: string;
  scheduled_at: string;
  hold_expires_at: string | null;
  doctor_name: string | null;
  refund_amount: number | null;
}

export interface Payment {
  id: number;
  consultation_id: number;
  amount: number;
  currency: string;
  status: string;
  refund_amount: number | null;
  paid_at: string | null;
  scheduled_at: string | null;
}

export interface AdminPayment extends Payment {
  doctor_id: number;
  stripe_session_id: string | null;
  created_at: string;
}

export interface PeriodTotal {
  period: string;
  currency: string;
  count: number;
  gross: number;
  refunded: number;
  net: number;
}

export interface DoctorPayments {
  payments: Payment[];
  totals: PeriodTotal[];
}

export interface PaymentPage {
  items: AdminPayment[];
  page: number;
  size: number;
  total: number;
}

/** Opens (or finds again) the Stripe checkout of a held consultation; the proof is the booking's checkout token. */
export const createCheckout = (body: {
  consultation_id: number;
  checkout_token: string;
  success_url: string;
  cancel_url: string;
}) => api.post<CheckoutSession>('/payments/checkout-session', body);

export const checkoutStatus = (sessionId: string) =>
  api.get<CheckoutStatus>(`/payments/checkout-session/${encodeURIComponent(sessionId)}`);

export const doctorPayments = (period: Period, from?: string, to?: string) =>
  authedFetch<DoctorPayments>('/payments/doctor/payments', { query: { period, from, to } });

export interface PaymentFilter {
  status?: string;
  doctor_id?: string;
  consultation_id?: string;
  page: number;
}

export const adminPayments = (f: PaymentFilter, size = 25) =>
  authedFetch<PaymentPage>('/payments/admin/payments', {
    query: {
      status: f.status || undefined,
      doctor_id: f.doctor_id || undefined,
      consultation_id: f.consultation_id || undefined,
      page: f.page,
      size,
    },
  });

export const refundPayment = (id: number, body: { amount?: number; reason: string }) =>
  authedFetch<AdminPayment>(`/payments/admin/payments/${id}/refund`, { method: 'POST', body });

/** Opens the checkout of a kept booking and sends the browser there; the return pages are on this origin. */
export async function goToCheckout(kept: KeptBooking): Promise<void> {
  const session = await createCheckout({
    consultation_id: kept.consultation_id,
    checkout_token: kept.checkout_token,
    ...checkoutReturnUrls(window.location.origin),
  });
  window.location.assign(session.checkout_url);
}
