'use client';

import { useEffect, useState } from 'react';
import { RequireRole } from '@/components/RequireRole';
import { StaffHeader } from '@/components/StaffHeader';
import { DataTable, Field, Notice, Page, ui } from '@/components/ui';
import {
  cleanContent, createTemplate, deleteTemplate, emptyContent, listTemplates, updateTemplate, type ClinicalContent,
  type Template,
} from '@/lib/clinical';
import { clinicalTexts } from '@/lib/i18n/clinical';
import type { Lang } from '@/lib/i18n';
import type { Session } from '@/lib/session';
import { ContentEditor, ContentView } from './ContentEditor';
import styles from './Clinical.module.css';

const TEMPLATE_ROLES = ['specialist', 'doctor', 'medical_admin', 'admin'] as const;

interface Draft extends ClinicalContent {
  id?: number;
  name: string;
  description: string;
}

/** `/doctor/templates`: own and clinic-wide templates; create, edit, delete (own), preview (all). */
export function TemplatesPanel({ lang }: { lang: Lang }) {
  return <RequireRole roles={TEMPLATE_ROLES}>{(session) => <Templates session={session} lang={lang} />}</RequireRole>;
}

function Templates({ session, lang }: { session: Session; lang: Lang }) {
  const texts = clinicalTexts[lang];
  const t = texts.templates;
  const [items, setItems] = useState<Template[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<Template | null>(null);

  const load = () => listTemplates().then((p) => setItems(p.items)).catch(() => setError(texts.error));
  useEffect(() => { load(); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async () => {
    if (!draft) return;
    setError(null);
    const body = { ...cleanContent(draft), name: draft.name, description: draft.description };
    try {
      if (draft.id) await updateTemplate(draft.id, body);
      else await createTemplate(body);
      setDraft(null);
      await load();
    } catch {
      setError(texts.record.error);
    }
  };

  const remove = async (template: Template) => {
    if (!window.confirm(t.confirmDelete)) return;
    await deleteTemplate(template.id).catch(() => setError(texts.error));
    await load();
  };

  return (
    <>
      <StaffHeader session={session} lang={lang} />
      <Page aria-labelledby="templates-title">
        <h1 id="templates-title" className={ui.title}>{t.title}</h1>
        <p className={ui.lead}>{t.lead}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <button type="button" className="btn btn--primary" data-testid="new-template"
          onClick={() => setDraft({ name: '', description: '', ...emptyContent() })}>
          {t.create}
        </button>
        {draft && (
          <form className={styles.editor} aria-label={t.create} onSubmit={(e) => { e.preventDefault(); save(); }}>
            <Field id="template-name" label={t.name} required maxLength={200} value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            <Field id="template-description" label={t.description} value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
            <ContentEditor value={draft} onChange={(c) => setDraft({ ...draft, ...c })} t={texts.record} idPrefix="template" />
            <div className={styles.actions}>
              <button type="submit" className="btn btn--primary" data-testid="save-template">{t.save}</button>
              <button type="button" className="btn btn--secondary" onClick={() => setDraft(null)}>{texts.record.cancel}</button>
            </div>
          </form>
        )}
        {!items && !error && <p className={ui.muted}>{texts.loading}</p>}
        {items && (
          <DataTable
            testId="templates"
            columns={[t.name, t.description, t.scope, '']}
            rows={items}
            empty={t.empty}
            row={(item) => (
              <tr key={item.id}>
                <td>{item.name}</td>
                <td>{item.description ?? ''}</td>
                <td>{item.clinic_wide ? t.clinic : t.own}</td>
                <td className={styles.actions}>
                  <button type="button" className="btn btn--secondary" onClick={() => setPreview(item)}>{t.preview}</button>
                  {item.editable && (
                    <>
                      <button type="button" className="btn btn--secondary"
                        onClick={() => setDraft({ ...item, description: item.description ?? '' })}>{t.edit}</button>
                      <button type="button" className="btn btn--secondary" onClick={() => remove(item)}>{t.delete}</button>
                    </>
                  )}
                </td>
              </tr>
            )}
          />
        )}
        {preview && (
          <section className={styles.editor} aria-label={t.preview} data-testid="template-preview">
            <h2>{preview.name}</h2>
            {!preview.editable && <p className={ui.muted}>{t.readOnly}</p>}
            <ContentView value={preview} t={texts.record} />
            <button type="button" className="btn btn--secondary" onClick={() => setPreview(null)}>{texts.record.cancel}</button>
          </section>
        )}
      </Page>
    </>
  );
}
