/** Types and calls of the booking API (dates and amounts are formatted by `format.ts`). */
import { api } from './api';
import { authedFetch } from './session';
import type { Body, Page, Schemas } from './api/types';

export type Slot = Schemas['Slot'];

export type PublicDoctor = Schemas['PublicDoctor'];

export type FreeSlots = Schemas['FreeSlots'];

export type BookingAnswer = Schemas['BookingAnswer'];

export type Consultation = Schemas['ConsultationView'];

export type ManagedConsultation = Schemas['ManagedConsultation'];

export type { Page };

export type PatientRow = Schemas['PatientView'];

export type Summary = Schemas['Summary'];

export const STATUSES = ['pending_payment', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show'];

export const publicDoctors = () => api.get<PublicDoctor[]>('/consultations/public/doctors');

export const freeSlots = (doctorId: number, from: Date, to: Date) =>
  api.get<FreeSlots>(`/consultations/public/doctors/${doctorId}/slots`, {
    query: { from: from.toISOString(), to: to.toISOString() },
  });

/** The public booking; the CAPTCHA widget's token is sent when the CAPTCHA is on, the specialty when the doctor has one. */
export type BookingForm = Body<Schemas['PublicBookingBody'], 'captcha_token' | 'specialty'>;

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
