'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { DataTable, Field, FilterBar, Notice, ui } from '@/components/ui';
import type { DoctorPatient, ListPage } from '@/lib/clinical';
import { patientsPage } from '@/lib/doctor';
import { DoctorPager, DoctorShell } from '@/components/doctor/DoctorShell';

const SIZE = 20;
import { formatDateTime } from '@/lib/format';
import { clinicalTexts } from '@/lib/i18n/clinical';
import type { Lang } from '@/lib/i18n';

export const DOCTOR_ROLES = ['specialist', 'doctor'] as const;

/** `/doctor/patients`: the doctor's patients (from booking), searchable by name, each opening its history. */
export function PatientList({ lang }: { lang: Lang }) {
  return <DoctorShell lang={lang} labelledBy="patients-title">{() => <Patients lang={lang} />}</DoctorShell>;
}

function Patients({ lang }: { lang: Lang }) {
  const texts = clinicalTexts[lang];
  const t = texts.patients;
  const [data, setData] = useState<ListPage<DoctorPatient> | null>(null);
  const [error, setError] = useState(false);
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const [page, setPage] = useState(0);

  // The search runs in booking-service over all the doctor's patients (names are encrypted at rest), then pages.
  useEffect(() => {
    patientsPage(page, applied.trim(), SIZE).then(setData).catch(() => setError(true));
  }, [page, applied]);

  return (
    <>
        <h1 id="patients-title" className={ui.title}>{t.title}</h1>
        <p className={ui.lead}>{t.lead}</p>
        {error && <Notice kind="error">{texts.error}</Notice>}
        <FilterBar onApply={(e) => { e.preventDefault(); setPage(0); setApplied(query); }} applyLabel={t.apply}>
          <Field id="patient-search" label={t.search} value={query} onChange={(e) => setQuery(e.target.value)} />
        </FilterBar>
        {!data && !error && <p className={ui.muted}>{texts.loading}</p>}
        {data && (
          <>
          <DataTable
            testId="patients"
            columns={[t.name, t.contact, t.last, t.consultations, '']}
            rows={data.items}
            empty={t.empty}
            row={(p) => (
              <tr key={p.id}>
                <td>{p.full_name}</td>
                <td>{[p.email, p.phone].filter(Boolean).join(' · ')}</td>
                <td>{p.last_consultation_at ? formatDateTime(p.last_consultation_at, lang) : '—'}</td>
                <td>{p.consultations_count ?? '—'}</td>
                <td><Link href={`/doctor/patients/${p.id}`} data-testid={`open-patient-${p.id}`}>{t.open}</Link></td>
              </tr>
            )}
          />
          <DoctorPager lang={lang} page={page} size={data.size} total={data.total} onPage={setPage} />
          </>
        )}
    </>
  );
}
