'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { RequireRole } from '@/components/RequireRole';
import { StaffHeader } from '@/components/StaffHeader';
import { Field, FilterBar, Notice, Page, Pager, ui } from '@/components/ui';
import { patientIdentity } from '@/lib/doctor';
import { isApiError } from '@/lib/api';
import {
  addAddendum, cleanContent, createRecord, deleteRecord, emptyContent, isRecordStatus, isSeverity, listTemplates,
  patientHistory, patientSummary,
  signRecord, subjectOf, updateRecord, type ClinicalContent, type ClinicalRecord, type DoctorPatient, type ListPage,
  type PatientSummary, type Template,
} from '@/lib/clinical';
import { formatDateTime } from '@/lib/format';
import { clinicalTexts, type ClinicalTexts } from '@/lib/i18n/clinical';
import type { Lang } from '@/lib/i18n';
import type { Session } from '@/lib/session';
import { PdfButtons } from '@/components/pdf/PdfButtons';
import { pdfPaths } from '@/lib/pdf';
import { ContentEditor, ContentView } from './ContentEditor';
import { DOCTOR_ROLES } from './PatientList';
import styles from './Clinical.module.css';

/** `/doctor/patients/[id]`: header, history timeline, record editor, signing and addenda. */
export function PatientChart({ lang, patientId }: { lang: Lang; patientId: number }) {
  return (
    <RequireRole roles={DOCTOR_ROLES}>
      {(session) => <Chart session={session} lang={lang} patientId={patientId} />}
    </RequireRole>
  );
}

type Editing = { record?: ClinicalRecord; templateId?: number; content: ClinicalContent };

function Chart({ session, lang, patientId }: { session: Session; lang: Lang; patientId: number }) {
  const texts = clinicalTexts[lang];
  const t = texts.chart;
  const [summary, setSummary] = useState<PatientSummary | null>(null);
  const [identity, setIdentity] = useState<DoctorPatient | null>(null);
  const [history, setHistory] = useState<ListPage<ClinicalRecord> | null>(null);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [locked, setLocked] = useState<number | null>(null);
  const me = subjectOf(session.access_token);

  const reload = useCallback(async () => {
    try {
      const [s, h] = await Promise.all([patientSummary(patientId), patientHistory(patientId, page, applied)]);
      setSummary(s);
      setHistory(h);
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
      else setError(texts.error);
    }
  }, [patientId, page, applied, texts.error]);

  useEffect(() => { reload(); }, [reload]);
  useEffect(() => {
    patientIdentity(patientId).then(setIdentity).catch(() => undefined);
    listTemplates().then((p) => setTemplates(p.items)).catch(() => undefined);
  }, [patientId]);

  const run = async (work: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      await work();
      if (done) setNotice(done);
      await reload();
      return true;
    } catch (e) {
      setError(isApiError(e) && e.detail ? e.detail : texts.record.error);
      return false;
    }
  };

  if (missing) {
    return (
      <>
        <StaffHeader session={session} lang={lang} />
        <Page aria-labelledby="patient-missing" data-testid="patient-not-found">
          <h1 id="patient-missing" className={ui.title}>{t.notFound}</h1>
          <p className={ui.lead}>{t.notFoundLead}</p>
          <Link href="/doctor/patients">{t.back}</Link>
        </Page>
      </>
    );
  }

  const save = async () => {
    if (!editing) return;
    const content = cleanContent(editing.content);
    setError(null);
    try {
      if (editing.record) await updateRecord(patientId, editing.record.id, content);
      else await createRecord(patientId, { ...content, template_id: editing.templateId });
      setEditing(null);
      setNotice(texts.record.saved);
      await reload();
    } catch (e) {
      if (isApiError(e) && e.status === 409 && editing.record) {
        setEditing(null);
        setLocked(editing.record.id);
      } else {
        setError(isApiError(e) && e.detail ? e.detail : texts.record.error);
      }
    }
  };
  return (
    <>
      <StaffHeader session={session} lang={lang} />
      <Page aria-labelledby="patient-title">
        <p><Link href="/doctor/patients">← {t.back}</Link></p>
        <div className={styles.header}>
          <h1 id="patient-title" className={ui.title} data-testid="patient-name">
            {identity?.full_name ?? `#${patientId}`}
          </h1>
          <span className={ui.muted}>{t.ageUnknown}</span>
          {identity && <span>{[identity.email, identity.phone].filter(Boolean).join(' · ')}</span>}
        </div>
        {summary && (
          <>
            <div className={styles.badges} aria-label={t.allergies} data-testid="allergy-badges">
              {summary.allergies.length === 0 && <span className={ui.muted}>{t.noAllergies}</span>}
              {summary.allergies.map((a) => (
                <span key={a.substance} className={styles.allergy}>
                  ⚠ {a.substance}{isSeverity(a.severity) ? ` (${texts.record.severities[a.severity]})` : ''}
                </span>
              ))}
            </div>
            <p>
              <strong>{t.medications}:</strong>{' '}
              {summary.medications.length === 0 ? t.noMedications
                : summary.medications.map((m) => [m.name, m.dose, m.frequency].filter(Boolean).join(' ')).join('; ')}
            </p>
            <p>
              <strong>{t.consultations}:</strong>{' '}
              {summary.consultations.map((c) => `${formatDateTime(c.scheduled_at, lang)} (${texts.consultationStatus[c.status] ?? c.status})`).join('; ') || '—'}
            </p>
          </>
        )}
        {error && <Notice kind="error">{error}</Notice>}
        {notice && <Notice kind="success" testId="chart-notice">{notice}</Notice>}

        <h2>{t.history}</h2>
        <PdfButtons lang={lang} links={[
          { path: pdfPaths.history(patientId), label: t.pdfHistory },
          { path: pdfPaths.historySummary(patientId), label: t.pdfSummary },
        ]} />
        <FilterBar onApply={(e) => { e.preventDefault(); setPage(0); setApplied(query); }} applyLabel={t.apply}>
          <Field id="history-search" label={t.search} value={query} onChange={(e) => setQuery(e.target.value)} />
        </FilterBar>
        {!editing && (
          <button type="button" className="btn btn--primary" data-testid="new-record"
            onClick={() => setEditing({ content: emptyContent() })}>
            {t.newRecord}
          </button>
        )}
        {editing && (
          <RecordEditor editing={editing} setEditing={setEditing} templates={templates} texts={texts}
            onSave={save} />
        )}
        {!history && !error && <p className={ui.muted}>{texts.loading}</p>}
        {history && history.items.length === 0 && <p className={ui.muted}>{t.noRecords}</p>}
        {history && (
          <ol className={styles.timeline} data-testid="history">
            {history.items.map((r) => (
              <RecordEntry key={r.id} record={r} texts={texts} lang={lang} locked={locked === r.id} patientId={patientId}
                mine={String(r.author.id) === me}
                onEdit={() => { setLocked(null); setEditing({ record: r, content: r }); }}
                onSign={() => run(() => signRecord(patientId, r.id), texts.record.signed)}
                onAddendum={(text) => run(() => addAddendum(patientId, r.id, text)).then((ok) => { if (ok) setLocked(null); return ok; })}
                onDelete={(reason) => run(() => deleteRecord(patientId, r.id, reason))} />
            ))}
          </ol>
        )}
        {history && history.total > history.size && (
          <Pager page={page} last={(page + 1) * history.size >= history.total} onPage={setPage}
            texts={{ previous: texts.previous, next: texts.next }}>
            {texts.pageOf(page + 1, history.total)}
          </Pager>
        )}
      </Page>
    </>
  );
}

function RecordEditor({
  editing, setEditing, templates, texts, onSave,
}: {
  editing: Editing;
  setEditing: (e: Editing | null) => void;
  templates: Template[];
  texts: ClinicalTexts;
  onSave: () => void;
}) {
  const t = texts.record;
  const fromTemplate = (id: string) => {
    const template = templates.find((x) => String(x.id) === id);
    if (!template) {
      setEditing({ ...editing, templateId: undefined });
      return;
    }
    const { chief_complaint, background, assessment, plan, allergies, medications } = template;
    setEditing({ ...editing, templateId: template.id,
      content: { chief_complaint, background, assessment, plan, allergies, medications } });
  };
  return (
    <form className={styles.editor} aria-label={t.editor} data-testid="record-editor"
      onSubmit={(e) => { e.preventDefault(); onSave(); }}>
      <h3>{t.editor}</h3>
      {!editing.record && (
        <Field id="record-template" label={t.fromTemplate} control={(props) => (
          <select {...props} value={editing.templateId ?? ''} onChange={(e) => fromTemplate(e.target.value)}
            data-testid="template-select">
            <option value="">{t.noTemplate}</option>
            {templates.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
        )} />
      )}
      <ContentEditor value={editing.content} onChange={(content) => setEditing({ ...editing, content })} t={t}
        idPrefix="record" />
      <div className={styles.actions}>
        <button type="submit" className="btn btn--primary" data-testid="save-record">{t.save}</button>
        <button type="button" className="btn btn--secondary" onClick={() => setEditing(null)}>{t.cancel}</button>
      </div>
    </form>
  );
}

function RecordEntry({
  record, texts, lang, mine, locked, patientId, onEdit, onSign, onAddendum, onDelete,
}: {
  record: ClinicalRecord;
  patientId: number;
  texts: ClinicalTexts;
  lang: Lang;
  mine: boolean;
  locked: boolean;
  onEdit: () => void;
  onSign: () => void;
  onAddendum: (text: string) => Promise<boolean>;
  onDelete: (reason?: string) => void;
}) {
  const t = texts.record;
  const [confirming, setConfirming] = useState(false);
  const [addendum, setAddendum] = useState<string | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const inError = record.status === 'entered_in_error';
  const draft = record.status === 'draft';
  const writing = addendum !== null || locked;

  return (
    <li className={styles.entry} data-testid={`record-${record.id}`} data-status={record.status}>
      <h3>
        {formatDateTime(record.created_at, lang)} · {t.by} {record.author.full_name || `#${record.author.id}`}
        <span className={styles.status} data-testid="record-status">{isRecordStatus(record.status) ? texts.status[record.status] : record.status}</span>
      </h3>
      <div className={inError ? styles.struck : undefined}>
        <ContentView value={record} t={t} />
      </div>
      {inError && record.entered_in_error_reason && <p className={ui.muted}>{t.reason}: {record.entered_in_error_reason}</p>}
      {record.addenda.length > 0 && (
        <div>
          <strong>{t.addenda}</strong>
          <ul>
            {record.addenda.map((a) => (
              <li key={a.id} className={styles.section} data-testid="addendum">
                {formatDateTime(a.created_at, lang)} · {a.author.full_name || `#${a.author.id}`}: {a.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {locked && <Notice kind="error" testId="record-locked">{t.locked}</Notice>}
      {!draft && (
        <PdfButtons lang={lang} links={[{ path: pdfPaths.record(patientId, record.id), label: texts.chart.pdfRecord }]} />
      )}
      {!inError && (
        <div className={styles.actions}>
          {mine && <button type="button" className="btn btn--secondary" data-testid="edit-record" onClick={onEdit}>{t.edit}</button>}
          {draft && mine && !confirming && (
            <button type="button" className="btn btn--primary" data-testid="sign-record" onClick={() => setConfirming(true)}>{t.sign}</button>
          )}
          {!draft && !writing && (
            <button type="button" className="btn btn--secondary" data-testid="open-addendum" onClick={() => setAddendum('')}>{t.addendum}</button>
          )}
          {mine && draft && (
            <button type="button" className="btn btn--secondary" onClick={() => { if (window.confirm(t.confirmDelete)) onDelete(); }}>{t.delete}</button>
          )}
          {mine && !draft && reason === null && (
            <button type="button" className="btn btn--secondary" onClick={() => setReason('')}>{t.enterInError}</button>
          )}
        </div>
      )}
      {confirming && (
        <div className={styles.editor} role="alertdialog" aria-label={t.sign}>
          <p>{t.confirmSign}</p>
          <div className={styles.actions}>
            <button type="button" className="btn btn--primary" data-testid="confirm-sign"
              onClick={() => { setConfirming(false); onSign(); }}>{t.sign}</button>
            <button type="button" className="btn btn--secondary" onClick={() => setConfirming(false)}>{t.cancel}</button>
          </div>
        </div>
      )}
      {writing && !draft && !inError && (
        <form className={styles.editor} onSubmit={async (e) => {
          e.preventDefault();
          if (await onAddendum(addendum ?? '')) setAddendum(null);
        }}>
          <Field id={`addendum-${record.id}`} label={t.addendumText} control={(props) => (
            <textarea {...props} required maxLength={20000} value={addendum ?? ''} data-testid="addendum-text"
              onChange={(e) => setAddendum(e.target.value)} />
          )} />
          <button type="submit" className="btn btn--primary" data-testid="save-addendum">{t.addAddendum}</button>
        </form>
      )}
      {reason !== null && (
        <form className={styles.editor} onSubmit={(e) => { e.preventDefault(); onDelete(reason); setReason(null); }}>
          <Field id={`reason-${record.id}`} label={t.reason} required value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className={styles.actions}>
            <button type="submit" className="btn btn--primary">{t.enterInError}</button>
            <button type="button" className="btn btn--secondary" onClick={() => setReason(null)}>{t.cancel}</button>
          </div>
        </form>
      )}
    </li>
  );
}
