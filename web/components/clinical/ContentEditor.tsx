'use client';

import { Field } from '@/components/ui';
import { isSeverity, type Allergy, type ClinicalContent, type Medication, type Severity } from '@/lib/clinical';
import type { ClinicalTexts } from '@/lib/i18n/clinical';
import styles from './Clinical.module.css';

const SEVERITIES: Severity[] = ['mild', 'moderate', 'severe'];
const SECTIONS = ['chief_complaint', 'background', 'assessment', 'plan'] as const;

/** The SOAP sections and the structured allergy and medication rows, shared by records and templates. */
export function ContentEditor({
  value,
  onChange,
  t,
  idPrefix,
}: {
  value: ClinicalContent;
  onChange: (next: ClinicalContent) => void;
  t: ClinicalTexts['record'];
  idPrefix: string;
}) {
  const labels = { chief_complaint: t.chiefComplaint, background: t.background, assessment: t.assessment, plan: t.plan };
  const allergies = value.allergies ?? [];
  const medications = value.medications ?? [];
  const setAllergy = (i: number, patch: Partial<Allergy>) =>
    onChange({ ...value, allergies: allergies.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const setMedication = (i: number, patch: Partial<Medication>) =>
    onChange({ ...value, medications: medications.map((m, j) => (j === i ? { ...m, ...patch } : m)) });

  return (
    <>
      {SECTIONS.map((key) => (
        <Field
          key={key}
          id={`${idPrefix}-${key}`}
          label={labels[key]}
          control={(props) => (
            <textarea
              {...props}
              maxLength={20000}
              value={value[key] ?? ''}
              onChange={(e) => onChange({ ...value, [key]: e.target.value })}
            />
          )}
        />
      ))}
      <fieldset>
        <legend>{t.allergies}</legend>
        <div className={styles.rows}>
          {allergies.map((a, i) => (
            <div key={i} className={styles.row} data-testid="allergy-row">
              <input aria-label={t.substance} placeholder={t.substance} value={a.substance}
                onChange={(e) => setAllergy(i, { substance: e.target.value })} />
              <input aria-label={t.reaction} placeholder={t.reaction} value={a.reaction ?? ''}
                onChange={(e) => setAllergy(i, { reaction: e.target.value })} />
              <select aria-label={t.severity} value={a.severity ?? ''}
                onChange={(e) => setAllergy(i, { severity: (e.target.value || null) as Severity | null })}>
                <option value="">—</option>
                {SEVERITIES.map((s) => <option key={s} value={s}>{t.severities[s]}</option>)}
              </select>
              <button type="button" className="btn btn--secondary"
                onClick={() => onChange({ ...value, allergies: allergies.filter((_, j) => j !== i) })}>
                {t.removeRow}
              </button>
            </div>
          ))}
        </div>
        <button type="button" className="btn btn--secondary" data-testid="add-allergy"
          onClick={() => onChange({ ...value, allergies: [...allergies, { substance: '', reaction: '', severity: null }] })}>
          {t.addRow}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t.medications}</legend>
        <div className={styles.rows}>
          {medications.map((m, i) => (
            <div key={i} className={styles.row} data-testid="medication-row">
              <input aria-label={t.medName} placeholder={t.medName} value={m.name}
                onChange={(e) => setMedication(i, { name: e.target.value })} />
              <input aria-label={t.dose} placeholder={t.dose} value={m.dose ?? ''}
                onChange={(e) => setMedication(i, { dose: e.target.value })} />
              <input aria-label={t.frequency} placeholder={t.frequency} value={m.frequency ?? ''}
                onChange={(e) => setMedication(i, { frequency: e.target.value })} />
              <input aria-label={t.route} placeholder={t.route} value={m.route ?? ''}
                onChange={(e) => setMedication(i, { route: e.target.value })} />
              <button type="button" className="btn btn--secondary"
                onClick={() => onChange({ ...value, medications: medications.filter((_, j) => j !== i) })}>
                {t.removeRow}
              </button>
            </div>
          ))}
        </div>
        <button type="button" className="btn btn--secondary"
          onClick={() => onChange({ ...value, medications: [...medications, { name: '', dose: '', frequency: '', route: '' }] })}>
          {t.addRow}
        </button>
      </fieldset>
    </>
  );
}

/** The sections of a record or template, read-only. */
export function ContentView({ value, t }: { value: ClinicalContent; t: ClinicalTexts['record'] }) {
  const labels = { chief_complaint: t.chiefComplaint, background: t.background, assessment: t.assessment, plan: t.plan };
  return (
    <>
      {SECTIONS.map((key) =>
        value[key] ? (
          <p key={key} className={styles.section}>
            <strong>{labels[key]}:</strong> {value[key]}
          </p>
        ) : null,
      )}
      {(value.allergies ?? []).length > 0 && (
        <p className={styles.section}>
          <strong>{t.allergies}:</strong>{' '}
          {(value.allergies ?? [])
            .map((a) => [a.substance, a.reaction, isSeverity(a.severity) && t.severities[a.severity]].filter(Boolean).join(' · '))
            .join('; ')}
        </p>
      )}
      {(value.medications ?? []).length > 0 && (
        <p className={styles.section}>
          <strong>{t.medications}:</strong>{' '}
          {(value.medications ?? []).map((m) => [m.name, m.dose, m.frequency, m.route].filter(Boolean).join(' · ')).join('; ')}
        </p>
      )}
    </>
  );
}
