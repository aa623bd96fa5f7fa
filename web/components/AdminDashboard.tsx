'use client';

import { useEffect, useState } from 'react';
import { formatTime, viewerTimeZone, STATUSES, type Summary } from '@/lib/booking';
import { summary, todayLocal } from '@/lib/bookingAdmin';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { AdminShell } from './AdminShell';
import styles from './Booking.module.css';

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

  if (error) return <p className={styles.alert} role="alert">{texts.flow.error}</p>;
  if (!data) return <p className={styles.muted}>{texts.flow.loading}</p>;
  return (
    <>
      <h1 className={styles.title}>{t.today}</h1>
      <h2 className={styles.muted}>{t.counts}</h2>
      <ul className={styles.counts}>
        {STATUSES.map((s) => (
          <li key={s} className={styles.count} data-testid={`count-${s}`}>
            <strong>{data.counts_by_status[s] ?? 0}</strong>
            {texts.status[s]}
          </li>
        ))}
      </ul>
      {data.today.length === 0 ? (
        <p className={styles.muted}>{t.none}</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t.columns.when}</th>
                <th>{t.columns.patient}</th>
                <th>{t.columns.doctor}</th>
                <th>{t.columns.specialty}</th>
                <th>{t.columns.status}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.today].reverse().map((c) => (
                <tr key={c.id}>
                  <td>{formatTime(c.scheduled_at, lang)}</td>
                  <td>{c.patient_name}</td>
                  <td>{c.doctor_name}</td>
                  <td>{c.specialty}</td>
                  <td>{texts.status[c.status] ?? c.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
