/** Admin calls of the booking API (signed-in staff session). */
import { authedFetch } from './session';
import type { Page, Schemas } from './api/types';
import type { Consultation, PatientRow, Summary } from './booking';

export const ADMIN_ROLES = ['admin', 'medical_admin', 'it_admin'] as const;

export const summary = (date: string, tz: string) =>
  authedFetch<Summary>('/admin/consultations/summary', { query: { date, tz } });

export const patients = (page: number, email?: string) =>
  authedFetch<Page<PatientRow>>('/admin/patients', { query: { page, size: 50, email: email || undefined } });

export interface ConsultationFilter {
  status?: string;
  doctor_id?: string;
  from?: string;
  to?: string;
  page: number;
}

export const consultations = (f: ConsultationFilter) =>
  authedFetch<Page<Consultation>>('/admin/consultations', {
    query: {
      status: f.status || undefined,
      doctor_id: f.doctor_id || undefined,
      from: f.from || undefined,
      to: f.to || undefined,
      page: f.page,
      size: 25,
    },
  });

export const changeConsultation = (
  id: number,
  change: Schemas['ChangeBody'],
) => authedFetch<Consultation>(`/admin/consultations/${id}`, { method: 'PATCH', body: change });

/** Today's date (YYYY-MM-DD) in the viewer's zone. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
