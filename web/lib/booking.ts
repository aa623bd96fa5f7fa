/** Types and calls of the booking API (dates and amounts are formatted by `format.ts`). */
import { api } from './api';
import { authedFetch } from './session';

export interface Slot {
  starts_at: string;
  ends_at: string;
}

export interface PublicDoctor {
  id: number;
  full_name: string;
  specialty: string | null;
  bio: string | null;
  consultation_fee: number;
  currency: string;
  duration_minutes: number;
  languages: string[];
  timezone: string;
  next_slots: Slot[];
}

export interface FreeSlots {
  doctor_id: number;
  timezone: string;
  slot_minutes: number;
  slots: Slot[];
}

export interface BookingAnswer {
  consultation_id: number;
  status: string;
  doctor_id: number;
  doctor_name: string;
  specialty: string | null;
  scheduled_at: string;
  duration_minutes: number;
  amount: number;
  currency: string;
  hold_expires_at: string;
  next_step: {
    type: string;
    method: string;
    path: string;
    consultation_id: number;
    /** Proof for opening the checkout of this consultation (no account needed). */
    checkout_token: string;
    expires_at: string;
  };
}

export interface Consultation {
  id: number;
  patient_id: number;
  patient_name: string;
  doctor_id: number;
  doctor_name: string;
  specialty: string | null;
  reason_for_visit: string | null;
  notes?: string | null;
  scheduled_at: string;
  duration_minutes: number;
  status: string;
  amount: number;
  currency: string;
  hold_expires_at: string | null;
  payment_status: string;
  timezone: string | null;
  cancel_reason: string | null;
}

export interface ManagedConsultation {
  consultation: Consultation;
  change_cutoff_at: string;
  can_cancel: boolean;
  can_reschedule: boolean;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

export interface PatientRow {
  id: number;
  full_name: string;
  email: string;
  phone: string | null;
  created_at: string;
  consultations_count: number | null;
  last_consultation_at: string | null;
}

export interface Summary {
  from: string;
  to: string;
  counts_by_status: Record<string, number>;
  today: Consultation[];
}

export const STATUSES = ['pending_payment', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show'];

export const publicDoctors = () => api.get<PublicDoctor[]>('/consultations/public/doctors');

export const freeSlots = (doctorId: number, from: Date, to: Date) =>
  api.get<FreeSlots>(`/consultations/public/doctors/${doctorId}/slots`, {
    query: { from: from.toISOString(), to: to.toISOString() },
  });

export interface BookingForm {
  doctor_id: number;
  specialty: string | null;
  scheduled_at: string;
  full_name: string;
  email: string;
  phone: string;
  reason_for_visit: string;
  locale: string;
  timezone: string;
  /** The CAPTCHA widget's token, when the CAPTCHA is on. */
  captcha_token?: string;
}

export const bookPublic = (form: BookingForm) => api.post<BookingAnswer>('/consultations/public/book', form);

export const manageView = (id: string, token: string) =>
  api.get<ManagedConsultation>(`/consultations/public/manage/${encodeURIComponent(id)}`, { query: { token } });
export const manageCancel = (id: string, token: string) =>
  api.post<ManagedConsultation>(`/consultations/public/manage/${encodeURIComponent(id)}/cancel`, { token });
export const manageReschedule = (id: string, token: string, scheduledAt: string) =>
  api.post<ManagedConsultation>(`/consultations/public/manage/${encodeURIComponent(id)}/reschedule`, {
    token,
    scheduled_at: scheduledAt,
  });

export const myConsultations = () => authedFetch<Page<Consultation>>('/consultations/me', { query: { size: 100 } });
export const cancelMine = (id: number) =>
  authedFetch<Consultation>(`/consultations/me/${id}/cancel`, { method: 'POST', body: {} });
export const rescheduleMine = (id: number, scheduledAt: string) =>
  authedFetch<Consultation>(`/consultations/me/${id}/reschedule`, { method: 'POST', body: { scheduled_at: scheduledAt } });

/** Local midnight of today plus {@code offset} days, in the browser's (= patient's) zone. */
export function dayStart(offset: number, base = new Date()): Date {
  return new Date(base.getFullYear(), base.getMonth(), base.getDate() + offset);
}
