/** Types and calls of the clinical API (patient summary, history, templates) and the doctor's patient list. */
import { authedFetch } from './session';

export type Severity = 'mild' | 'moderate' | 'severe';
export type RecordStatus = 'draft' | 'signed' | 'amended' | 'entered_in_error';

export interface Allergy {
  substance: string;
  reaction?: string | null;
  severity?: Severity | null;
}

export interface Medication {
  name: string;
  dose?: string | null;
  frequency?: string | null;
  route?: string | null;
}

/** The SOAP sections shared by records and templates. */
export interface ClinicalContent {
  chief_complaint?: string | null;
  background?: string | null;
  assessment?: string | null;
  plan?: string | null;
  allergies?: Allergy[];
  medications?: Medication[];
}

export interface Author {
  id: number;
  full_name: string;
}

export interface Addendum {
  id: number;
  text: string;
  author: Author;
  created_at: string;
}

export interface ClinicalRecord extends ClinicalContent {
  id: number;
  patient_id: number;
  consultation_id: number | null;
  author: Author;
  status: RecordStatus;
  created_at: string;
  updated_at: string;
  signed_at: string | null;
  entered_in_error_reason: string | null;
  entered_in_error_at: string | null;
  addenda: Addendum[];
}

export interface Template extends ClinicalContent {
  id: number;
  name: string;
  description: string | null;
  created_by_id: number | null;
  clinic_wide: boolean;
  editable: boolean;
  created_at: string;
}

export interface CareConsultation {
  consultation_id: number;
  scheduled_at: string;
  status: string;
}

export interface PatientSummary {
  patient_id: number;
  consultations: CareConsultation[];
  last_consultation_at: string | null;
  allergies: Allergy[];
  medications: Medication[];
  records_count: number;
  last_record_at: string | null;
}

/** booking-service's view of one of the doctor's patients (identity and contact). */
export interface DoctorPatient {
  id: number;
  full_name: string;
  email: string;
  phone: string | null;
  locale: string;
  consultations_count: number | null;
  last_consultation_at: string | null;
}

export interface ListPage<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

const history = (patientId: number) => `/doctor/patients/${patientId}/history`;

export const patientSummary = (id: number) => authedFetch<PatientSummary>(`/doctor/patients/${id}`);
export const patientHistory = (id: number, page = 0, q = '') =>
  authedFetch<ListPage<ClinicalRecord>>(history(id), { query: { page, size: 20, q: q || undefined } });
export const createRecord = (id: number, body: ClinicalContent & { template_id?: number; consultation_id?: number }) =>
  authedFetch<ClinicalRecord>(history(id), { method: 'POST', body });
export const updateRecord = (id: number, recordId: number, body: ClinicalContent) =>
  authedFetch<ClinicalRecord>(`${history(id)}/${recordId}`, { method: 'PUT', body });
export const signRecord = (id: number, recordId: number) =>
  authedFetch<ClinicalRecord>(`${history(id)}/${recordId}/sign`, { method: 'POST' });
export const addAddendum = (id: number, recordId: number, text: string) =>
  authedFetch<ClinicalRecord>(`${history(id)}/${recordId}/addenda`, { method: 'POST', body: { text } });
/** A draft is removed; a signed record is entered in error with the reason. */
export const deleteRecord = (id: number, recordId: number, reason?: string) =>
  authedFetch<ClinicalRecord | undefined>(`${history(id)}/${recordId}`, {
    method: 'DELETE',
    body: reason ? { reason } : undefined,
  });

export const listTemplates = () => authedFetch<ListPage<Template>>('/templates', { query: { size: 100 } });
export const createTemplate = (body: Partial<Template>) =>
  authedFetch<Template>('/templates', { method: 'POST', body });
export const updateTemplate = (id: number, body: Partial<Template>) =>
  authedFetch<Template>(`/templates/${id}`, { method: 'PUT', body });
export const deleteTemplate = (id: number) => authedFetch<void>(`/templates/${id}`, { method: 'DELETE' });

/** Drops empty allergy and medication rows before sending. */
export function cleanContent(c: ClinicalContent): ClinicalContent {
  return {
    ...c,
    allergies: (c.allergies ?? []).filter((a) => a.substance.trim() !== ''),
    medications: (c.medications ?? []).filter((m) => m.name.trim() !== ''),
  };
}

/** The subject (user id) of an access token, read without checking it (the services check it); '' if unreadable. */
export function subjectOf(token: string): string {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')));
    return typeof json.sub === 'string' ? json.sub : '';
  } catch {
    return '';
  }
}
