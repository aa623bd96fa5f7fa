'use client';

import { useEffect, useState } from 'react';
import { STATUSES, type Summary } from '@/lib/booking';
import { summary, todayLocal } from '@/lib/bookingAdmin';
import { formatTime, viewerTimeZone } from '@/lib/format';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { AdminShell } from './AdminShell';
import { DataTable, Notice, ui } from './ui';
import styles from './AdminDashboard.module.css';

/** Today's consultations and counts by status. */
export function AdminDashboard({ lang }: { lang: Lang }) {
  return <AdminShell lang={lang}>{() => <Dashboard lang={lang} />}</AdminShell>;
}

function Dashboard({ lang }: { lang: Lang }) {
  const texts = bookingTexts[lang];
  const t = texts.admin;
  const [data, setData] = useState<Summary | null>(null);
  const [error, setError] = useState(false);

  useEffect(() => {
    summary(todayLocal(), viewerTimeZone()).then(setData).catch(() => setError(true));
  }, []);

  if (error) return <Notice kind="error">{texts.flow.error}</Notice>;
  if (!data) return <p className={ui.muted}>{texts.flow.loading}</p>;
  return (
    <>
      <h1 className={ui.title}>{t.today}</h1>
      <h2 className={ui.muted}>{t.counts}</h2>
      <ul className={styles.counts}>
        {STATUSES.map((s) => (
          <li key={s} className={styles.count} data-testid={`count-${s}`}>
            <strong>{data.counts_by_status[s] ?? 0}</strong>
            {texts.status[s]}
          </li>
        ))}
      </ul>
      <DataTable
        columns={[t.columns.when, t.columns.patient, t.columns.doctor, t.columns.specialty, t.columns.status]}
        rows={[...data.today].reverse()}
        empty={t.none}
        row={(c) => (
          <tr key={c.id}>
            <td>{formatTime(c.scheduled_at, lang)}</td>
            <td>{c.patient_name}</td>
            <td>{c.doctor_name}</td>
            <td>{c.specialty}</td>
            <td>{texts.status[c.status] ?? c.status}</td>
          </tr>
        )}
      />
    </>
  );
}
