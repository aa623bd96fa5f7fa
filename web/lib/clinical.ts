/** Types and calls of the clinical API (patient summary, history, templates) and the doctor's patient list. */
import type { Page, Schemas } from './api/types';
import { authedFetch } from './session';

export type Severity = 'mild' | 'moderate' | 'severe';
export type RecordStatus = 'draft' | 'signed' | 'amended' | 'entered_in_error';

const SEVERITIES: readonly string[] = ['mild', 'moderate', 'severe'] satisfies Severity[];
const RECORD_STATUSES: readonly string[] = ['draft', 'signed', 'amended', 'entered_in_error'] satisfies RecordStatus[];

/** The API answers severities and statuses as strings; the UI labels only the ones it knows. */
export const isSeverity = (value: string | null): value is Severity => value !== null && SEVERITIES.includes(value);
export const isRecordStatus = (value: string): value is RecordStatus => RECORD_STATUSES.includes(value);

export type Allergy = Schemas['Allergy'];

export type Medication = Schemas['Medication'];

/** The sections of a record or a template, as the editor holds them (every one present, a text possibly null). */
export type ClinicalContent = Pick<
  Schemas['ClinicalRecord'],
  'chief_complaint' | 'background' | 'assessment' | 'plan' | 'allergies' | 'medications'
>;

export type Author = Schemas['Author'];

export type Addendum = Schemas['Addendum'];

export type ClinicalRecord = Schemas['ClinicalRecord'];

export type Template = Schemas['Template'];

export type CareConsultation = Schemas['CareConsultation'];

export type PatientSummary = Schemas['PatientSummary'];

export type DoctorPatient = Schemas['PatientView'];

/** A page of items (the API's `Page…` schemas). */
export type ListPage<T> = Page<T>;

/** What a record is written from: its sections, and the template or consultation it starts from. */
export type RecordBody = Schemas['RecordBody'];

export type TemplateBody = Schemas['TemplateBody'];

const history = (patientId: number) => `/doctor/patients/${patientId}/history`;

export const patientSummary = (id: number) => authedFetch<PatientSummary>(`/doctor/patients/${id}`);
export const patientHistory = (id: number, page = 0, q = '') =>
  authedFetch<ListPage<ClinicalRecord>>(history(id), { query: { page, size: 20, q: q || undefined } });
export const createRecord = (id: number, body: RecordBody) =>
  authedFetch<ClinicalRecord>(history(id), { method: 'POST', body });
export const updateRecord = (id: number, recordId: number, body: RecordBody) =>
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
export const createTemplate = (body: TemplateBody) =>
  authedFetch<Template>('/templates', { method: 'POST', body });
export const updateTemplate = (id: number, body: TemplateBody) =>
  authedFetch<Template>(`/templates/${id}`, { method: 'PUT', body });
export const deleteTemplate = (id: number) => authedFetch<void>(`/templates/${id}`, { method: 'DELETE' });

/** A record or template with nothing written yet. */
export const emptyContent = (): ClinicalContent => ({
  chief_complaint: null, background: null, assessment: null, plan: null, allergies: [], medications: [],
});

/** Drops empty allergy and medication rows before sending. */
export function cleanContent(c: ClinicalContent): ClinicalContent {
  return {
    ...c,
    allergies: c.allergies.filter((a) => a.substance.trim() !== ''),
    medications: c.medications.filter((m) => m.name.trim() !== ''),
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
