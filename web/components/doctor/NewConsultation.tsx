'use client';

import Link from 'next/link';
import { useEffect, useState, type FormEvent } from 'react';
import { Field, Notice, SubmitButton, ui } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { freeSlots } from '@/lib/booking';
import { subjectOf, type DoctorPatient } from '@/lib/clinical';
import {
  createConsultation,
  patientsPage,
  PAYMENT_MODES,
  type NewConsultation as NewBody,
  type NewConsultationAnswer,
  type PaymentMode,
} from '@/lib/doctor';
import { formatDateTime, viewerTimeZone } from '@/lib/format';
import { doctorTexts } from '@/lib/i18n/doctor';
import type { Lang } from '@/lib/i18n';
import { DoctorShell } from './DoctorShell';

/**
 * `/doctor/new-consultation`: the doctor books one of their patients or a new patient (typed details), at a free
 * slot or now, paid online (the patient is emailed a payment link), at the clinic or free.
 */
export function NewConsultation({ lang }: { lang: Lang }) {
  return (
    <DoctorShell lang={lang} labelledBy="new-consultation-title">
      {(session) => <Form lang={lang} doctorId={Number(subjectOf(session.access_token))} />}
    </DoctorShell>
  );
}

function Form({ lang, doctorId }: { lang: Lang; doctorId: number }) {
  const t = doctorTexts[lang].create;
  const [who, setWho] = useState<'existing' | 'new'>('existing');
  const [patients, setPatients] = useState<DoctorPatient[]>([]);
  const [patientId, setPatientId] = useState('');
  const [contact, setContact] = useState({ full_name: '', email: '', phone: '' });
  const [when, setWhen] = useState<'slot' | 'now'>('slot');
  const [slots, setSlots] = useState<string[] | null>(null);
  const [slot, setSlot] = useState('');
  const [mode, setMode] = useState<PaymentMode>('online');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<NewConsultationAnswer | null>(null);

  useEffect(() => {
    patientsPage(0, undefined, 100)
      .then((p) => {
        setPatients(p.items);
        if (p.items.length === 0) setWho('new');
      })
      .catch(() => setPatients([]));
  }, []);
  useEffect(() => {
    if (!Number.isFinite(doctorId)) return;
    const from = new Date();
    freeSlots(doctorId, from, new Date(from.getTime() + 14 * 86_400_000))
      .then((s) => setSlots(s.slots.map((x) => x.starts_at)))
      .catch(() => setSlots([]));
  }, [doctorId, done]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const body: NewBody = {
      payment_mode: mode,
      reason_for_visit: reason || undefined,
      locale: lang,
      timezone: viewerTimeZone(),
      ...(who === 'existing'
        ? { patient_id: Number(patientId) }
        : { full_name: contact.full_name, email: contact.email, phone: contact.phone || undefined }),
      ...(when === 'now' ? { immediate: true } : { scheduled_at: slot }),
    };
    try {
      setDone(await createConsultation(body));
    } catch (err) {
      if (isApiError(err) && err.status === 409) setError(t.conflict);
      else if (isApiError(err) && err.status === 404) setError(t.notFound);
      else if (isApiError(err) && err.status === 400) setError(t.invalid);
      else if (isApiError(err) && err.status === 422) setError(t.unavailable);
      else setError(doctorTexts[lang].error);
    }
  }

  if (done) {
    return (
      <>
        <h1 id="new-consultation-title" className={ui.title}>{t.title}</h1>
        <Notice kind="success">
          <span data-testid="new-consultation-done">{t.done(done.consultation_id)}</span>{' '}
          {done.status === 'pending_payment' ? t.pending : t.confirmed}
        </Notice>
        <div className={ui.links}>
          <Link href={`/doctor/consultations/${done.consultation_id}`} data-testid="open-new-consultation">{t.open}</Link>
          <button type="button" className={`btn btn--secondary ${ui.small}`} onClick={() => setDone(null)}>
            {t.title}
          </button>
        </div>
      </>
    );
  }

  const ready = (who === 'existing' ? patientId !== '' : contact.full_name !== '' && contact.email !== '')
    && (when === 'now' || slot !== '');
  return (
    <>
      <h1 id="new-consultation-title" className={ui.title}>{t.title}</h1>
      <p className={ui.lead}>{t.lead}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <form className={`${ui.form} ${ui.panel}`} onSubmit={submit} data-testid="new-consultation-form">
        <fieldset>
          <legend>{t.who}</legend>
          <label><input type="radio" name="who" checked={who === 'existing'} onChange={() => setWho('existing')} /> {t.existing}</label>{' '}
          <label><input type="radio" name="who" checked={who === 'new'} onChange={() => setWho('new')} /> {t.newPatient}</label>
        </fieldset>
        {who === 'existing' ? (
          <Field id="nc-patient" label={t.pickPatient} control={(props) => (
            <select {...props} value={patientId} onChange={(e) => setPatientId(e.target.value)}>
              <option value="">{t.pickPatient}</option>
              {patients.map((p) => (
                <option key={p.id} value={p.id}>{p.full_name} · {p.email}</option>
              ))}
            </select>
          )} />
        ) : (
          <>
            <Field id="nc-name" label={t.fullName} value={contact.full_name} autoComplete="off"
              onChange={(e) => setContact({ ...contact, full_name: e.target.value })} />
            <Field id="nc-email" type="email" label={t.email} value={contact.email} autoComplete="off"
              onChange={(e) => setContact({ ...contact, email: e.target.value })} />
            <Field id="nc-phone" type="tel" label={t.phone} value={contact.phone} autoComplete="off"
              onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
          </>
        )}
        <fieldset>
          <legend>{t.when}</legend>
          <label><input type="radio" name="when" checked={when === 'slot'} onChange={() => setWhen('slot')} /> {t.slot}</label>{' '}
          <label><input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} data-testid="when-now" /> {t.now}</label>
        </fieldset>
        {when === 'slot' && (
          <>
            <Field id="nc-slot" label={t.pickSlot} control={(props) => (
              <select {...props} value={slot} onChange={(e) => setSlot(e.target.value)}>
                <option value="">{t.pickSlot}</option>
                {(slots ?? []).map((s) => (
                  <option key={s} value={s}>{formatDateTime(s, lang)}</option>
                ))}
              </select>
            )} />
            {slots && slots.length === 0 && <p className={ui.hint}>{t.noSlots}</p>}
          </>
        )}
        <Field id="nc-mode" label={t.paymentMode} control={(props) => (
          <select {...props} value={mode} onChange={(e) => setMode(e.target.value as PaymentMode)}>
            {PAYMENT_MODES.map((m) => (
              <option key={m} value={m}>{t.modes[m]}</option>
            ))}
          </select>
        )} />
        <Field id="nc-reason" label={t.reason} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
        <div className={ui.actions}>
          <SubmitButton busy={!ready}>{t.submit}</SubmitButton>
        </div>
      </form>
    </>
  );
}
