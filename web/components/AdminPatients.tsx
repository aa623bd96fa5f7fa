'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { formatDateTime, type Page, type PatientRow } from '@/lib/booking';
import { patients } from '@/lib/bookingAdmin';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { AdminShell } from './AdminShell';
import styles from './Booking.module.css';

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
      <h1 className={styles.title}>{t.patients}</h1>
      <form className={styles.filters} onSubmit={search}>
        <div className={styles.field}>
          <label htmlFor="patient-email">{t.searchEmail}</label>
          <input id="patient-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <button type="submit" className="btn btn--secondary">{t.search}</button>
      </form>
      {error && <p className={styles.alert} role="alert">{texts.flow.error}</p>}
      {data && (
        <>
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>{t.columns.id}</th>
                  <th>{t.columns.name}</th>
                  <th>{t.columns.email}</th>
                  <th>{t.columns.phone}</th>
                  <th>{t.columns.count}</th>
                  <th>{t.columns.last}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.id}>
                    <td>{p.id}</td>
                    <td>{p.full_name}</td>
                    <td>{p.email}</td>
                    <td>{p.phone}</td>
                    <td>{p.consultations_count ?? 0}</td>
                    <td>{p.last_consultation_at ? formatDateTime(p.last_consultation_at, lang) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager lang={lang} page={page} size={data.size} total={data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}

export function Pager({
  lang,
  page,
  size,
  total,
  onPage,
}: {
  lang: Lang;
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const t = bookingTexts[lang].admin;
  return (
    <div className={styles.actions}>
      <button type="button" className={`btn btn--secondary ${styles.small}`} disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t.previous}
      </button>
      <span className={styles.muted}>{t.page(page + 1, total)}</span>
      <button
        type="button"
        className={`btn btn--secondary ${styles.small}`}
        disabled={(page + 1) * size >= total}
        onClick={() => onPage(page + 1)}
      >
        {t.next}
      </button>
    </div>
  );
}
