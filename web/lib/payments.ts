/** Types and calls of the payment API (checkout, its status, the doctor's and the admin's payments). */
import { api } from './api';
import { authedFetch } from './session';
import type { Period } from './format';
import type { Body, Page, Schemas } from './api/types';
import { checkoutReturnUrls, type KeptBooking } from './paymentFormat';

export * from './paymentFormat';

export type CheckoutSession = Schemas['CheckoutAnswer'];

export type CheckoutStatus = Schemas['CheckoutStatus'];

export type Payment = Schemas['DoctorPayment'];

export type AdminPayment = Schemas['AdminPayment'];

export type PeriodTotal = Schemas['Total'];

export type DoctorPayments = Schemas['DoctorPayments'];

export type PaymentPage = Page<AdminPayment>;

/** Opens (or finds again) the Stripe checkout of a held consultation; the proof is the booking's checkout token. */
export const createCheckout = (body: Body<Schemas['CheckoutBody']>) => api.post<CheckoutSession>('/payments/checkout-session', body);

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

export const refundPayment = (id: number, body: Body<Schemas['RefundBody'], 'amount'>) =>
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
