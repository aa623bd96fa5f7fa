'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { DataTable, Field, FilterBar, FilterSelect, Notice, ui } from '@/components/ui';
import { STATUSES, type Page } from '@/lib/booking';
import type { DoctorPatient } from '@/lib/clinical';
import {
  doctorConsultations,
  patientsPage,
  type DoctorConsultation,
  type DoctorConsultationFilter,
} from '@/lib/doctor';
import { formatAmount, formatDateTime } from '@/lib/format';
import { doctorTexts } from '@/lib/i18n/doctor';
import type { Lang } from '@/lib/i18n';
import { DoctorPager, DoctorShell } from './DoctorShell';

const SIZE = 20;

/** A date input (YYYY-MM-DD, viewer's zone) as the instant of that local midnight. */
const startOf = (date: string, plusDays = 0) => {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
};

/** `/doctor/consultations`: the doctor's consultations, filtered by status, dates and patient, paged. */
export function DoctorConsultations({ lang, initialPatient }: { lang: Lang; initialPatient?: string }) {
  return (
    <DoctorShell lang={lang} labelledBy="consultations-title">
      {() => <Consultations lang={lang} initialPatient={initialPatient ?? ''} />}
    </DoctorShell>
  );
}

function Consultations({ lang, initialPatient }: { lang: Lang; initialPatient: string }) {
  const t = doctorTexts[lang];
  const [form, setForm] = useState({ status: '', from: '', to: '', patient_id: initialPatient, order: 'newest' });
  const [filter, setFilter] = useState<DoctorConsultationFilter>({ page: 0, patient_id: initialPatient });
  const [data, setData] = useState<Page<DoctorConsultation> | null>(null);
  const [patients, setPatients] = useState<DoctorPatient[]>([]);
  const [error, setError] = useState(false);

  const load = useCallback(() => {
    doctorConsultations(filter, SIZE).then(setData).catch(() => setError(true));
  }, [filter]);
  useEffect(load, [load]);
  useEffect(() => {
    patientsPage(0, undefined, 100).then((p) => setPatients(p.items)).catch(() => setPatients([]));
  }, []);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter({
      status: form.status,
      from: startOf(form.from),
      to: startOf(form.to, 1),
      patient_id: form.patient_id,
      order: form.order === 'upcoming' ? 'upcoming' : 'newest',
      page: 0,
    });
  };

  return (
    <>
      <h1 id="consultations-title" className={ui.title}>{t.list.title}</h1>
      <p className={ui.lead}>{t.list.lead}</p>
      <FilterBar onApply={apply} applyLabel={t.apply}>
        <FilterSelect id="f-status" label={t.list.status} anyLabel={t.list.anyStatus} value={form.status}
          options={STATUSES.map((s) => ({ value: s, label: t.status[s] ?? s }))}
          onChange={(status) => setForm({ ...form, status })} />
        <Field id="f-from" type="date" label={t.list.from} value={form.from}
          onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <Field id="f-to" type="date" label={t.list.to} value={form.to}
          onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <FilterSelect id="f-patient" label={t.list.patient} anyLabel={t.list.anyPatient} value={form.patient_id}
          options={patients.map((p) => ({ value: String(p.id), label: p.full_name }))}
          onChange={(patient_id) => setForm({ ...form, patient_id })} />
        <Field id="f-order" label={t.list.order} control={(props) => (
          <select {...props} value={form.order} onChange={(e) => setForm({ ...form, order: e.target.value })}>
            <option value="newest">{t.list.newest}</option>
            <option value="upcoming">{t.list.upcoming}</option>
          </select>
        )} />
      </FilterBar>
      {error && <Notice kind="error">{t.error}</Notice>}
      {!data && !error && <p className={ui.muted}>{t.loading}</p>}
      {data && (
        <>
          <DataTable
            testId="doctor-consultations"
            columns={['#', t.list.when, t.list.patient, t.list.status, t.list.payment, '']}
            rows={data.items}
            empty={t.list.empty}
            row={(c) => (
              <tr key={c.id} data-consultation={c.id}>
                <td>{c.id}</td>
                <td>{formatDateTime(c.scheduled_at, lang)}</td>
                <td>{c.patient_name ?? t.list.withheld}</td>
                <td>{t.status[c.status] ?? c.status}</td>
                <td>
                  {t.payment[c.payment_status] ?? c.payment_status}
                  {c.amount > 0 ? ` · ${formatAmount(c.amount, c.currency, lang)}` : ''}
                </td>
                <td><Link href={`/doctor/consultations/${c.id}`} data-testid={`open-consultation-${c.id}`}>{t.list.open}</Link></td>
              </tr>
            )}
          />
          <DoctorPager lang={lang} page={filter.page} size={data.size} total={data.total}
            onPage={(page) => setFilter({ ...filter, page })} />
        </>
      )}
    </>
  );
}
