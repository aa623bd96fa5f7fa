/** The doctor's workspace calls (booking-service and clinical-service through the gateway). */
import { authedFetch } from './session';
import type { Page, Schemas } from './api/types';
import type { Consultation } from './booking';
import type { ClinicalRecord, DoctorPatient } from './clinical';

export const DOCTOR_ROLES = ['specialist', 'doctor'] as const;

export type PaymentMode = 'online' | 'clinic' | 'free';
export const PAYMENT_MODES: PaymentMode[] = ['online', 'clinic', 'free'];

/** The doctor sees the same consultation as the patient (the cancellation note included). */
export type DoctorConsultation = Consultation;

export type Earnings = Schemas['Earnings'];

export type Dashboard = Schemas['DoctorDashboard'];

export const dashboard = () => authedFetch<Dashboard>('/doctor/dashboard');
export const drafts = (page = 0, size = 5) =>
  authedFetch<Page<ClinicalRecord>>('/doctor/records/drafts', { query: { page, size } });

export interface DoctorConsultationFilter {
  status?: string;
  from?: string;
  to?: string;
  patient_id?: string;
  order?: 'newest' | 'upcoming';
  page: number;
}

export const doctorConsultations = (f: DoctorConsultationFilter, size = 20) =>
  authedFetch<Page<DoctorConsultation>>('/doctor/consultations', {
    query: {
      status: f.status || undefined,
      from: f.from || undefined,
      to: f.to || undefined,
      patient_id: f.patient_id || undefined,
      order: f.order || undefined,
      page: f.page,
      size,
    },
  });

export const doctorConsultation = (id: number) => authedFetch<DoctorConsultation>(`/doctor/consultations/${id}`);

export const changeDoctorConsultation = (
  id: number,
  change: Schemas['ChangeBody'],
) => authedFetch<DoctorConsultation>(`/doctor/consultations/${id}`, { method: 'PATCH', body: change });

export const patientsPage = (page: number, q?: string, size = 20) =>
  authedFetch<Page<DoctorPatient>>('/doctor/patients', { query: { page, size, q: q || undefined } });

export const patientIdentity = (id: number) => authedFetch<DoctorPatient>(`/doctor/patients/${id}/identity`);

/** A consultation the doctor books: a patient of theirs (`patient_id`) or a new one's details, and how it is paid. */
export type NewConsultation = Schemas['BookingRequest'] & { payment_mode: PaymentMode };

export type NewConsultationAnswer = Schemas['BookingAnswer'];

export const createConsultation = (body: NewConsultation) =>
  authedFetch<NewConsultationAnswer>('/consultations', { method: 'POST', body });

// --- agenda -----------------------------------------------------------------------------------------------------

export type Profile = Schemas['Profile'];

export type WorkingHours = Schemas['WorkingHours'];

export type Interval = Schemas['LocalInterval'];

export type Conflict = Schemas['Conflict'];

export type Block = Schemas['Block'];

export type Agenda = Schemas['Agenda'];

export const agenda = () => authedFetch<Agenda>('/doctor/agenda');
export const putProfile = (p: Schemas['ProfileInput']) => authedFetch<Agenda>('/doctor/agenda/profile', { method: 'PUT', body: p });
export const putWorkingHours = (hours: Schemas['WorkingHoursInput'][]) =>
  authedFetch<Agenda>('/doctor/agenda/working-hours', { method: 'PUT', body: { working_hours: hours } });
export const putOverride = (date: string, intervals: Schemas['LocalIntervalInput'][]) =>
  authedFetch<Agenda>(`/doctor/agenda/overrides/${date}`, { method: 'PUT', body: { intervals } });
export const deleteOverride = (date: string) =>
  authedFetch<void>(`/doctor/agenda/overrides/${date}`, { method: 'DELETE' });
export const addBlock = (b: Schemas['BlockInput']) =>
  authedFetch<Block>('/doctor/agenda/blocks', { method: 'POST', body: b });
export const deleteBlock = (id: number) => authedFetch<void>(`/doctor/agenda/blocks/${id}`, { method: 'DELETE' });

/** Wall-clock parts of an instant in a time zone (the doctor's, not the viewer's). */
export function zonedParts(iso: string, timeZone: string): { date: string; time: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}`, weekday };
}

/** The instant of a wall-clock time (YYYY-MM-DD, HH:MM) in a time zone. */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // The zone's offset at that moment: format the guess in the zone and compare.
  const p = zonedParts(new Date(guess).toISOString(), timeZone);
  const [py, pm, pd] = p.date.split('-').map(Number);
  const [ph, pmin] = p.time.split(':').map(Number);
  const offset = Date.UTC(py, pm - 1, pd, ph, pmin) - guess;
  return new Date(guess - offset).toISOString();
}
