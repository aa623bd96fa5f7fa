'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { DoctorShell } from '@/components/doctor/DoctorShell';
import { Notice, ui } from '@/components/ui';
import type { Page as ListPage } from '@/lib/booking';
import type { ClinicalRecord } from '@/lib/clinical';
import { dashboard, drafts, patientIdentity, zonedParts, type Dashboard, type DoctorConsultation } from '@/lib/doctor';
import { formatAmount } from '@/lib/format';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { doctorTexts } from '@/lib/i18n/doctor';
import { authedFetch, type Session } from '@/lib/session';
import type { Schemas } from '@/lib/api/types';

type Me = Schemas['AccountView'];

/** `/doctor`: the doctor's day at a glance (one booking call, one clinical call for drafts). */
export function DoctorHome({ lang }: { lang: Lang }) {
  return (
    <DoctorShell lang={lang} labelledBy="doctor-title">
      {(session) => <DoctorDay session={session} lang={lang} />}
    </DoctorShell>
  );
}

function DoctorDay({ session, lang }: { session: Session; lang: Lang }) {
  const auth = localized({ es, en }, lang);
  const t = doctorTexts[lang];
  const [me, setMe] = useState<Me | null>(null);
  const [day, setDay] = useState<Dashboard | null>(null);
  const [pending, setPending] = useState<ListPage<ClinicalRecord> | null>(null);
  const [names, setNames] = useState<Record<number, string>>({});
  const [error, setError] = useState(false);

  useEffect(() => {
    // Confirms the account is still active (the API answers 401 at once after a deactivation).
    authedFetch<Me>('/auth/me')
      .then(setMe)
      .catch(() => window.location.replace('/login?next=/doctor'));
    dashboard().then(setDay).catch(() => setError(true));
    drafts()
      .then(async (page) => {
        setPending(page);
        const ids = [...new Set(page.items.map((r) => r.patient_id))];
        const found = await Promise.all(
          ids.map((id) => patientIdentity(id).then((p) => [id, p.full_name] as const).catch(() => [id, `#${id}`] as const)),
        );
        setNames(Object.fromEntries(found));
      })
      .catch(() => setPending({ items: [], page: 0, size: 5, total: 0 }));
  }, []);

  const zone = day?.timezone ?? 'UTC';
  return (
    <>
      <div className={ui.panel}>
        <p className="eyebrow">{auth.doctor.title}</p>
        <h1 id="doctor-title" className={ui.title} data-testid="doctor-hello">
          {auth.doctor.hello(me?.full_name ?? session.full_name ?? '')}
        </h1>
        {me?.specialty && <p className={ui.lead}>{me.specialty}</p>}
        <div className={ui.links}>
          {me && !me.mfa_enabled && <Link href="/login/mfa/activar">{auth.doctor.security}</Link>}
          <Link href="/login/cambiar-contrasena">{auth.doctor.changePassword}</Link>
        </div>
      </div>
      {error && <Notice kind="error">{t.error}</Notice>}
      {!day && !error && <p className={ui.muted}>{t.loading}</p>}
      {day && (
        <div data-testid="doctor-dashboard">
          {!day.free_slots_in_next_week && (
            <Notice kind="error">
              <span data-testid="no-free-slots">{t.dashboard.noFreeSlots}</span>{' '}
              <Link href="/doctor/agenda">{t.nav.agenda}</Link>
            </Notice>
          )}
          <p className={ui.muted} data-testid="dashboard-counts">
            {t.dashboard.counts(day.counts.today, day.counts.upcoming, day.counts.pending_payment)} ·{' '}
            {t.dashboard.zone(zone)}
          </p>
          <section className={ui.panel} aria-labelledby="today-title">
            <h2 id="today-title">{t.dashboard.today}</h2>
            <ConsultationLines lang={lang} zone={zone} items={day.today} testId="today" withCountdown />
          </section>
          <section className={ui.panel} aria-labelledby="next-title">
            <h2 id="next-title">{t.dashboard.next}</h2>
            <ConsultationLines lang={lang} zone={zone} items={day.next} testId="next" withDate />
            {day.next_free_slot_at && (
              <p className={ui.muted}>
                {t.dashboard.nextFree(`${zonedParts(day.next_free_slot_at, zone).date} ${zonedParts(day.next_free_slot_at, zone).time}`)}
              </p>
            )}
          </section>
          <section className={ui.panel} aria-labelledby="drafts-title">
            <h2 id="drafts-title">{t.dashboard.drafts}</h2>
            {pending && pending.items.length === 0 && <p className={ui.muted}>{t.dashboard.noDrafts}</p>}
            {pending && pending.items.length > 0 && (
              <ul data-testid="drafts">
                {pending.items.map((r) => (
                  <li key={r.id}>
                    {names[r.patient_id] ?? `#${r.patient_id}`} · {r.chief_complaint || '—'} ·{' '}
                    <Link href={`/doctor/patients/${r.patient_id}`}>{t.dashboard.openDraft}</Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className={ui.panel} aria-labelledby="week-title">
            <h2 id="week-title">{t.dashboard.week}</h2>
            {day.week.earnings.length === 0 ? (
              <p className={ui.muted}>{t.dashboard.noEarnings}</p>
            ) : (
              <ul data-testid="earnings">
                {day.week.earnings.map((e) => (
                  <li key={e.currency}>
                    <strong>{formatAmount(e.amount, e.currency, lang)}</strong> · {t.dashboard.consultationsCount(e.consultations)}
                  </li>
                ))}
              </ul>
            )}
            <p><Link href="/doctor/payments">{t.nav.payments}</Link></p>
          </section>
        </div>
      )}
    </>
  );
}

function ConsultationLines({
  lang,
  zone,
  items,
  testId,
  withDate = false,
  withCountdown = false,
}: {
  lang: Lang;
  zone: string;
  items: DoctorConsultation[];
  testId: string;
  withDate?: boolean;
  withCountdown?: boolean;
}) {
  const t = doctorTexts[lang];
  if (items.length === 0) return <p className={ui.muted}>{t.dashboard.none}</p>;
  const now = Date.now();
  return (
    <ul data-testid={testId}>
      {items.map((c) => {
        const at = zonedParts(c.scheduled_at, zone);
        const minutes = Math.round((new Date(c.scheduled_at).getTime() - now) / 60000);
        return (
          <li key={c.id}>
            <Link href={`/doctor/consultations/${c.id}`}>
              {withDate ? `${at.date} ` : ''}
              {at.time}
            </Link>{' '}
            · {c.patient_name ?? t.list.withheld} · {t.status[c.status] ?? c.status} ·{' '}
            {t.payment[c.payment_status] ?? c.payment_status}
            {withCountdown && c.status === 'confirmed' && minutes > -c.duration_minutes && minutes <= 60 && (
              <strong> · {t.dashboard.startsIn(minutes)}</strong>
            )}
          </li>
        );
      })}
    </ul>
  );
}
