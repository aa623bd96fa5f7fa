/** The doctor's workspace calls (booking-service and clinical-service through the gateway). */
import { authedFetch } from './session';
import type { Consultation, Page } from './booking';
import type { ClinicalRecord, DoctorPatient } from './clinical';

export const DOCTOR_ROLES = ['specialist', 'doctor'] as const;

export type PaymentMode = 'online' | 'clinic' | 'free';
export const PAYMENT_MODES: PaymentMode[] = ['online', 'clinic', 'free'];

/** The doctor sees the same consultation as the patient (the cancellation note included). */
export type DoctorConsultation = Consultation;

export interface Earnings {
  currency: string;
  amount: number;
  consultations: number;
}

export interface Dashboard {
  timezone: string;
  day_starts_at: string;
  day_ends_at: string;
  today: DoctorConsultation[];
  next: DoctorConsultation[];
  counts: { today: number; upcoming: number; pending_payment: number };
  week: { from: string; to: string; earnings: Earnings[] };
  free_slots_in_next_week: boolean;
  next_free_slot_at: string | null;
}

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
  change: { status?: string; scheduled_at?: string; notes?: string; reason?: string },
) => authedFetch<DoctorConsultation>(`/doctor/consultations/${id}`, { method: 'PATCH', body: change });

export const patientsPage = (page: number, q?: string, size = 20) =>
  authedFetch<Page<DoctorPatient>>('/doctor/patients', { query: { page, size, q: q || undefined } });

export const patientIdentity = (id: number) => authedFetch<DoctorPatient>(`/doctor/patients/${id}/identity`);

export interface NewConsultation {
  patient_id?: number;
  full_name?: string;
  email?: string;
  phone?: string;
  scheduled_at?: string;
  immediate?: boolean;
  payment_mode: PaymentMode;
  reason_for_visit?: string;
  locale?: string;
  timezone?: string;
}

export interface NewConsultationAnswer {
  consultation_id: number;
  status: string;
  scheduled_at: string;
  payment_status: string;
  amount: number;
  currency: string;
}

export const createConsultation = (body: NewConsultation) =>
  authedFetch<NewConsultationAnswer>('/consultations', { method: 'POST', body });

// --- agenda -----------------------------------------------------------------------------------------------------

export interface Profile {
  bio: string | null;
  fee_amount: number;
  currency: string;
  slot_minutes: number;
  buffer_minutes: number | null;
  min_notice_minutes: number | null;
  max_advance_days: number | null;
  timezone: string;
  languages: string[];
}

export interface WorkingHours {
  weekday: number;
  start: string;
  end: string;
}

export interface Interval {
  start: string;
  end: string;
}

export interface Conflict {
  consultation_id: number;
  scheduled_at: string;
  duration_minutes: number;
  status: string;
}

export interface Block {
  id: number;
  starts_at: string;
  ends_at: string;
  reason: string | null;
  conflicts: Conflict[];
}

export interface Agenda {
  doctor_id: number;
  profile: Profile | null;
  working_hours: WorkingHours[];
  overrides: { date: string; intervals: Interval[] }[];
  blocks: Block[];
}

export const agenda = () => authedFetch<Agenda>('/doctor/agenda');
export const putProfile = (p: Profile) => authedFetch<Agenda>('/doctor/agenda/profile', { method: 'PUT', body: p });
export const putWorkingHours = (hours: WorkingHours[]) =>
  authedFetch<Agenda>('/doctor/agenda/working-hours', { method: 'PUT', body: { working_hours: hours } });
export const putOverride = (date: string, intervals: Interval[]) =>
  authedFetch<Agenda>(`/doctor/agenda/overrides/${date}`, { method: 'PUT', body: { intervals } });
export const deleteOverride = (date: string) =>
  authedFetch<void>(`/doctor/agenda/overrides/${date}`, { method: 'DELETE' });
export const addBlock = (b: { starts_at: string; ends_at: string; reason?: string }) =>
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
