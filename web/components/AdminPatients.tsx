'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Page, PatientRow } from '@/lib/booking';
import { patients } from '@/lib/bookingAdmin';
import { formatDateTime } from '@/lib/format';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { AdminPager, AdminShell } from './AdminShell';
import { DataTable, Field, FilterBar, Notice, ui } from './ui';

/** Every patient (decrypted for the admin, each read audited by the API), with an exact email search. */
export function AdminPatients({ lang }: { lang: Lang }) {
  return <AdminShell lang={lang}>{() => <Patients lang={lang} />}</AdminShell>;
}

function Patients({ lang }: { lang: Lang }) {
  const texts = bookingTexts[lang];
  const t = texts.admin;
  const [page, setPage] = useState(0);
  const [email, setEmail] = useState('');
  const [query, setQuery] = useState('');
  const [data, setData] = useState<Page<PatientRow> | null>(null);
  const [error, setError] = useState(false);

  const load = useCallback(() => {
    patients(page, query).then(setData).catch(() => setError(true));
  }, [page, query]);
  useEffect(load, [load]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setPage(0);
    setQuery(email.trim());
  };

  return (
    <>
      <h1 className={ui.title}>{t.patients}</h1>
      <FilterBar onApply={search} applyLabel={t.search}>
        <Field id="patient-email" type="email" label={t.searchEmail} value={email} onChange={(e) => setEmail(e.target.value)} />
      </FilterBar>
      {error && <Notice kind="error">{texts.flow.error}</Notice>}
      {data && (
        <>
          <DataTable
            columns={[t.columns.id, t.columns.name, t.columns.email, t.columns.phone, t.columns.count, t.columns.last]}
            rows={data.items}
            row={(p) => (
              <tr key={p.id}>
                <td>{p.id}</td>
                <td>{p.full_name}</td>
                <td>{p.email}</td>
                <td>{p.phone}</td>
                <td>{p.consultations_count ?? 0}</td>
                <td>{p.last_consultation_at ? formatDateTime(p.last_consultation_at, lang) : ''}</td>
              </tr>
            )}
          />
          <AdminPager lang={lang} page={page} size={data.size} total={data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}
