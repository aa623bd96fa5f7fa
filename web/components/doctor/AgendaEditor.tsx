'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Field, Notice, SubmitButton, ui } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { freeSlots } from '@/lib/booking';
import { subjectOf } from '@/lib/clinical';
import {
  addBlock,
  agenda as loadAgenda,
  deleteBlock,
  deleteOverride,
  doctorConsultations,
  putOverride,
  putProfile,
  putWorkingHours,
  zonedInstant,
  zonedParts,
  type Agenda,
  type Block,
  type DoctorConsultation,
  type Interval,
  type Profile,
  type WorkingHours,
} from '@/lib/doctor';
import { doctorTexts } from '@/lib/i18n/doctor';
import type { Lang } from '@/lib/i18n';
import { DoctorShell } from './DoctorShell';
import styles from './Doctor.module.css';

const DAY_MS = 86_400_000;

/** `/doctor/agenda`: a week of consultations and free slots, and the editor of the rules behind them. */
export function AgendaEditor({ lang }: { lang: Lang }) {
  return (
    <DoctorShell lang={lang} labelledBy="agenda-title">
      {(session) => <AgendaPage lang={lang} doctorId={Number(subjectOf(session.access_token))} />}
    </DoctorShell>
  );
}

function AgendaPage({ lang, doctorId }: { lang: Lang; doctorId: number }) {
  const t = doctorTexts[lang];
  const a = t.agenda;
  const [data, setData] = useState<Agenda | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    loadAgenda().then(setData).catch(() => setError(t.error));
  }, [t.error, version]);

  const saved = (next?: Agenda) => {
    setError(null);
    setMessage(t.saved);
    if (next) setData(next);
    setVersion((v) => v + 1);
  };
  const failed = (e: unknown) => {
    setMessage(null);
    setError(isApiError(e) && (e.status === 422 || e.status === 400) ? a.invalid : t.error);
  };

  const zone = data?.profile?.timezone ?? 'UTC';
  return (
    <>
      <h1 id="agenda-title" className={ui.title}>{a.title}</h1>
      <p className={ui.lead}>{a.lead}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {message && <Notice kind="success">{message}</Notice>}
      {!data && !error && <p className={ui.muted}>{t.loading}</p>}
      {data && (
        <>
          <p className={ui.muted} data-testid="agenda-zone">{a.zone(zone)}</p>
          <WeekView lang={lang} doctorId={doctorId} zone={zone} version={version} />
          <BlocksEditor lang={lang} zone={zone} blocks={data.blocks} onSaved={saved} onFailed={failed} />
          {data.profile && <RulesEditor lang={lang} profile={data.profile} onSaved={saved} onFailed={failed} />}
          <HoursEditor lang={lang} hours={data.working_hours} onSaved={saved} onFailed={failed} />
          <OverridesEditor lang={lang} overrides={data.overrides} onSaved={saved} onFailed={failed} />
        </>
      )}
    </>
  );
}

/** Monday 00:00 (in the doctor's zone) of the week `offset` weeks from this one, as a date string. */
function mondayOf(offset: number, zone: string): string {
  const today = zonedParts(new Date().toISOString(), zone);
  const [y, m, d] = today.date.split('-').map(Number);
  const monday = new Date(Date.UTC(y, m - 1, d) - (today.weekday - 1) * DAY_MS + offset * 7 * DAY_MS);
  return monday.toISOString().slice(0, 10);
}

const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

function WeekView({ lang, doctorId, zone, version }: { lang: Lang; doctorId: number; zone: string; version: number }) {
  const a = doctorTexts[lang].agenda;
  const t = doctorTexts[lang];
  const [offset, setOffset] = useState(0);
  const [slots, setSlots] = useState<string[]>([]);
  const [booked, setBooked] = useState<DoctorConsultation[]>([]);
  const monday = mondayOf(offset, zone);
  const days = Array.from({ length: 7 }, (_, i) => plusDays(monday, i));

  const load = useCallback(() => {
    const from = zonedInstant(monday, '00:00', zone);
    const to = zonedInstant(plusDays(monday, 7), '00:00', zone);
    const start = new Date(Math.max(Date.parse(from), Date.now()));
    if (Number.isFinite(doctorId) && start.getTime() < Date.parse(to)) {
      freeSlots(doctorId, start, new Date(to)).then((s) => setSlots(s.slots.map((x) => x.starts_at))).catch(() => setSlots([]));
    } else {
      setSlots([]);
    }
    doctorConsultations({ from, to, order: 'upcoming', page: 0 }, 100)
      .then((p) => setBooked(p.items.filter((c) => c.status !== 'cancelled')))
      .catch(() => setBooked([]));
  }, [monday, zone, doctorId]);
  useEffect(load, [load, version]);

  return (
    <section aria-labelledby="week-title">
      <div className={ui.toolbar}>
        <h2 id="week-title">{`${days[0]} – ${days[6]}`}</h2>
        <button type="button" className={`btn btn--secondary ${ui.small}`} onClick={() => setOffset(offset - 1)}>{a.prevWeek}</button>
        <button type="button" className={`btn btn--secondary ${ui.small}`} onClick={() => setOffset(offset + 1)}>{a.nextWeek}</button>
      </div>
      <div className={styles.week} data-testid="agenda-week">
        {days.map((day, i) => {
          const items = [
            ...booked.filter((c) => zonedParts(c.scheduled_at, zone).date === day)
              .map((c) => ({ at: zonedParts(c.scheduled_at, zone).time, c })),
            ...slots.filter((s) => zonedParts(s, zone).date === day)
              .map((s) => ({ at: zonedParts(s, zone).time, c: null as DoctorConsultation | null })),
          ].sort((x, y) => x.at.localeCompare(y.at));
          return (
            <div key={day} className={styles.day} data-day={day}>
              <h3>{a.weekdays[i]} {day.slice(8)}</h3>
              {items.length === 0 ? <p className={ui.muted}>{a.noneDay}</p> : (
                <ul>
                  {items.map((x) => x.c ? (
                    <li key={`c${x.c.id}`} className={styles.booked}>
                      <a href={`/doctor/consultations/${x.c.id}`}>{x.at}</a> {x.c.patient_name ?? ''} · {t.status[x.c.status] ?? x.c.status}
                    </li>
                  ) : (
                    <li key={`s${x.at}`} className={styles.free} data-free-slot={x.at}>{x.at} {a.free}</li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

function BlocksEditor({ lang, zone, blocks, onSaved, onFailed }: {
  lang: Lang; zone: string; blocks: Block[]; onSaved: (a?: Agenda) => void; onFailed: (e: unknown) => void;
}) {
  const a = doctorTexts[lang].agenda;
  const [form, setForm] = useState({ from: '', to: '', reason: '' });
  const [added, setAdded] = useState<Block | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      const [fd, ft] = form.from.split('T');
      const [td, tt] = form.to.split('T');
      const block = await addBlock({
        starts_at: zonedInstant(fd, ft, zone),
        ends_at: zonedInstant(td, tt, zone),
        reason: form.reason || undefined,
      });
      setAdded(block);
      setForm({ from: '', to: '', reason: '' });
      onSaved();
    } catch (err) {
      onFailed(err);
    }
  }

  const when = (iso: string) => { const p = zonedParts(iso, zone); return `${p.date} ${p.time}`; };
  return (
    <section className={ui.panel} aria-labelledby="blocks-title">
      <h2 id="blocks-title">{a.blocks}</h2>
      {added && added.conflicts.length > 0 && (
        <Notice kind="error"><span data-testid="block-conflicts">{a.conflicts(added.conflicts.length)}</span></Notice>
      )}
      {blocks.length === 0 ? <p className={ui.muted}>{a.noBlocks}</p> : (
        <ul data-testid="blocks">
          {blocks.map((b) => (
            <li key={b.id}>
              {when(b.starts_at)} → {when(b.ends_at)} {b.reason ? `· ${b.reason}` : ''}{' '}
              {b.id !== null && (
                <button type="button" className={`btn btn--secondary ${ui.small}`}
                  onClick={() => b.id !== null && deleteBlock(b.id).then(() => onSaved(), onFailed)}>{a.remove}</button>
              )}
              {b.conflicts.length > 0 && (
                <p className={styles.conflict}>
                  {a.conflicts(b.conflicts.length)}{' '}
                  {b.conflicts.map((c) => (
                    <a key={c.consultation_id} href={`/doctor/consultations/${c.consultation_id}`}>#{c.consultation_id} </a>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className={ui.filters} onSubmit={add} aria-label={a.addBlock}>
        <Field id="block-from" type="datetime-local" label={a.blockFrom} value={form.from} required
          onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <Field id="block-to" type="datetime-local" label={a.blockTo} value={form.to} required
          onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <Field id="block-reason" label={a.blockReason} value={form.reason} maxLength={200}
          onChange={(e) => setForm({ ...form, reason: e.target.value })} />
        <SubmitButton secondary>{a.addBlock}</SubmitButton>
      </form>
    </section>
  );
}

function RulesEditor({ lang, profile, onSaved, onFailed }: {
  lang: Lang; profile: Profile; onSaved: (a?: Agenda) => void; onFailed: (e: unknown) => void;
}) {
  const a = doctorTexts[lang].agenda;
  const [p, setP] = useState(profile);
  const num = (v: string) => (v === '' ? 0 : Number(v));
  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      onSaved(await putProfile(p));
    } catch (err) {
      onFailed(err);
    }
  }
  return (
    <section className={ui.panel} aria-labelledby="rules-title">
      <h2 id="rules-title">{a.rules}</h2>
      <form className={ui.filters} onSubmit={save} aria-label={a.rules}>
        <Field id="rule-slot" type="number" min={5} max={240} label={a.slot} value={p.slot_minutes}
          onChange={(e) => setP({ ...p, slot_minutes: num(e.target.value) })} />
        <Field id="rule-buffer" type="number" min={0} max={120} label={a.buffer} value={p.buffer_minutes ?? 0}
          onChange={(e) => setP({ ...p, buffer_minutes: num(e.target.value) })} />
        <Field id="rule-notice" type="number" min={0} max={10080} label={a.notice} value={p.min_notice_minutes ?? 0}
          onChange={(e) => setP({ ...p, min_notice_minutes: num(e.target.value) })} />
        <Field id="rule-horizon" type="number" min={1} max={365} label={a.horizon} value={p.max_advance_days ?? 60}
          onChange={(e) => setP({ ...p, max_advance_days: num(e.target.value) })} />
        <Field id="rule-fee" type="number" min={0} label={a.fee} value={p.fee_amount}
          onChange={(e) => setP({ ...p, fee_amount: num(e.target.value) })} />
        <Field id="rule-tz" label={a.timezone} value={p.timezone} onChange={(e) => setP({ ...p, timezone: e.target.value })} />
        <SubmitButton secondary>{a.saveRules}</SubmitButton>
      </form>
    </section>
  );
}

function RangesRow({ ranges, onChange, lang, label }: {
  ranges: Interval[]; onChange: (r: Interval[]) => void; lang: Lang; label: string;
}) {
  const a = doctorTexts[lang].agenda;
  return (
    <div className={styles.ranges}>
      <span className={styles.weekday}>{label}</span>
      {ranges.map((r, i) => (
        <span key={i} className={ui.inline}>
          <input type="time" aria-label={`${label} ${i + 1} start`} className={ui.compact} value={r.start}
            onChange={(e) => onChange(ranges.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))} />
          –
          <input type="time" aria-label={`${label} ${i + 1} end`} className={ui.compact} value={r.end}
            onChange={(e) => onChange(ranges.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))} />
          <button type="button" className={`btn btn--secondary ${ui.small}`}
            onClick={() => onChange(ranges.filter((_, j) => j !== i))}>{a.remove}</button>
        </span>
      ))}
      <button type="button" className={`btn btn--secondary ${ui.small}`}
        onClick={() => onChange([...ranges, { start: '09:00', end: '13:00' }])}>{a.addRange}</button>
    </div>
  );
}

const hhmm = (t: string) => t.slice(0, 5);

function HoursEditor({ lang, hours, onSaved, onFailed }: {
  lang: Lang; hours: WorkingHours[]; onSaved: (a?: Agenda) => void; onFailed: (e: unknown) => void;
}) {
  const a = doctorTexts[lang].agenda;
  const [week, setWeek] = useState<Interval[][]>(() =>
    Array.from({ length: 7 }, (_, i) =>
      hours.filter((h) => h.weekday === i + 1).map((h) => ({ start: hhmm(h.start), end: hhmm(h.end) }))));
  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      onSaved(await putWorkingHours(week.flatMap((ranges, i) => ranges.map((r) => ({ weekday: i + 1, ...r })))));
    } catch (err) {
      onFailed(err);
    }
  }
  return (
    <section className={ui.panel} aria-labelledby="hours-title">
      <h2 id="hours-title">{a.hours}</h2>
      <form onSubmit={save} aria-label={a.hours} data-testid="hours-editor">
        {week.map((ranges, i) => (
          <RangesRow key={i} lang={lang} label={a.weekdays[i]} ranges={ranges}
            onChange={(r) => setWeek(week.map((x, j) => (j === i ? r : x)))} />
        ))}
        <SubmitButton secondary>{a.saveHours}</SubmitButton>
      </form>
    </section>
  );
}

function OverridesEditor({ lang, overrides, onSaved, onFailed }: {
  lang: Lang; overrides: Agenda['overrides']; onSaved: (a?: Agenda) => void; onFailed: (e: unknown) => void;
}) {
  const a = doctorTexts[lang].agenda;
  const [date, setDate] = useState('');
  const [ranges, setRanges] = useState<Interval[]>([]);
  async function save(e: FormEvent) {
    e.preventDefault();
    if (!date) return;
    try {
      onSaved(await putOverride(date, ranges));
      setDate('');
      setRanges([]);
    } catch (err) {
      onFailed(err);
    }
  }
  return (
    <section className={ui.panel} aria-labelledby="overrides-title">
      <h2 id="overrides-title">{a.overrides}</h2>
      {overrides.length > 0 && (
        <ul data-testid="overrides">
          {overrides.map((o) => (
            <li key={o.date}>
              {o.date}: {o.intervals.length === 0 ? '—' : o.intervals.map((i) => `${hhmm(i.start)}–${hhmm(i.end)}`).join(', ')}{' '}
              <button type="button" className={`btn btn--secondary ${ui.small}`}
                onClick={() => deleteOverride(o.date).then(() => onSaved(), onFailed)}>{a.remove}</button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={save} aria-label={a.overrides}>
        <Field id="override-date" type="date" label={a.overrideDate} value={date} onChange={(e) => setDate(e.target.value)} />
        <RangesRow lang={lang} label={date || a.overrideDate} ranges={ranges} onChange={setRanges} />
        <p className={ui.hint}>{a.overrideHint}</p>
        <SubmitButton secondary>{a.saveOverride}</SubmitButton>
      </form>
    </section>
  );
}
