'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { isApiError } from '@/lib/api';
import { publicDoctors, STATUSES, type Consultation, type Page, type PublicDoctor } from '@/lib/booking';
import { changeConsultation, consultations, type ConsultationFilter } from '@/lib/bookingAdmin';
import { formatDateTime } from '@/lib/format';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import type { Session } from '@/lib/session';
import { AdminPager, AdminShell } from './AdminShell';
import { DataTable, Field, FilterBar, FilterSelect, Notice, ui } from './ui';

/** All consultations: filter by status, doctor and dates; change status or reschedule (not for it_admin). */
export function AdminConsultations({ lang }: { lang: Lang }) {
  return <AdminShell lang={lang}>{(session) => <Consultations lang={lang} session={session} />}</AdminShell>;
}

/** A date input (YYYY-MM-DD, viewer's zone) as the instant of that local midnight. */
const startOf = (date: string, plusDays = 0) => {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
};

function Consultations({ lang, session }: { lang: Lang; session: Session }) {
  const texts = bookingTexts[lang];
  const t = texts.admin;
  const canWrite = session.role !== 'it_admin';
  const [form, setForm] = useState({ status: '', doctor_id: '', from: '', to: '' });
  const [filter, setFilter] = useState<ConsultationFilter>({ page: 0 });
  const [data, setData] = useState<Page<Consultation> | null>(null);
  const [doctors, setDoctors] = useState<PublicDoctor[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    consultations(filter).then(setData).catch(() => setError(texts.flow.error));
  }, [filter, texts.flow.error]);
  useEffect(load, [load]);
  useEffect(() => {
    publicDoctors().then(setDoctors).catch(() => setDoctors([]));
  }, []);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter({
      status: form.status,
      doctor_id: form.doctor_id,
      from: startOf(form.from),
      to: startOf(form.to, 1),
      page: 0,
    });
  };

  async function change(id: number, body: { status?: string; scheduled_at?: string }) {
    setMessage(null);
    setError(null);
    try {
      await changeConsultation(id, body);
      setMessage(t.saved);
      load();
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        setError(e.type?.endsWith('/slot-taken') ? t.conflict : t.invalidTransition);
      } else if (isApiError(e) && e.status === 422) {
        setError(texts.flow.unavailable);
      } else {
        setError(texts.flow.error);
      }
    }
  }

  return (
    <>
      <h1 className={ui.title}>{t.consultations}</h1>
      <FilterBar onApply={apply} applyLabel={t.apply}>
        <FilterSelect id="f-status" label={t.filterStatus} anyLabel={t.anyStatus} value={form.status}
          options={STATUSES.map((s) => ({ value: s, label: texts.status[s] }))}
          onChange={(status) => setForm({ ...form, status })} />
        <FilterSelect id="f-doctor" label={t.filterDoctor} anyLabel={t.anyDoctor} value={form.doctor_id}
          options={doctors.map((d) => ({ value: d.id, label: d.full_name }))}
          onChange={(doctor_id) => setForm({ ...form, doctor_id })} />
        <Field id="f-from" type="date" label={t.from} value={form.from}
          onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <Field id="f-to" type="date" label={t.to} value={form.to}
          onChange={(e) => setForm({ ...form, to: e.target.value })} />
      </FilterBar>
      {message && <Notice kind="success">{message}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {data && (
        <>
          <DataTable
            columns={[
              t.columns.id,
              t.columns.when,
              t.columns.patient,
              t.columns.doctor,
              t.columns.status,
              canWrite && t.columns.actions,
            ]}
            rows={data.items}
            empty={t.none}
            row={(c) => <Row key={c.id} lang={lang} consultation={c} canWrite={canWrite} onChange={change} />}
          />
          <AdminPager lang={lang} page={filter.page} size={data.size} total={data.total}
            onPage={(page) => setFilter({ ...filter, page })} />
        </>
      )}
    </>
  );
}

function Row({
  lang,
  consultation: c,
  canWrite,
  onChange,
}: {
  lang: Lang;
  consultation: Consultation;
  canWrite: boolean;
  onChange: (id: number, body: { status?: string; scheduled_at?: string }) => void;
}) {
  const texts = bookingTexts[lang];
  const t = texts.admin;
  const [status, setStatus] = useState(c.status);
  const [when, setWhen] = useState('');
  return (
    <tr>
      <td>{c.id}</td>
      <td>{formatDateTime(c.scheduled_at, lang)}</td>
      <td>{c.patient_name}</td>
      <td>{c.doctor_name}</td>
      <td>{texts.status[c.status] ?? c.status}</td>
      {canWrite && (
        <td>
          <div className={ui.inline}>
            <label className="visually-hidden" htmlFor={`status-${c.id}`}>{t.changeStatus}</label>
            <select id={`status-${c.id}`} className={ui.compact} value={status} onChange={(e) => setStatus(e.target.value)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>{texts.status[s]}</option>
              ))}
            </select>
            <button type="button" className={`btn btn--secondary ${ui.small}`} disabled={status === c.status}
              onClick={() => onChange(c.id, { status })}>
              {t.save}
            </button>
          </div>
          <div className={ui.inline}>
            <label className="visually-hidden" htmlFor={`when-${c.id}`}>{t.newTime}</label>
            <input id={`when-${c.id}`} className={ui.compact} type="datetime-local" step={300} value={when} onChange={(e) => setWhen(e.target.value)} />
            <button type="button" className={`btn btn--secondary ${ui.small}`} disabled={!when}
              onClick={() => onChange(c.id, { scheduled_at: new Date(when).toISOString() })}>
              {t.reschedule}
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}
