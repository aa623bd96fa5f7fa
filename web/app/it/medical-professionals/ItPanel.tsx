'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { RequireRole } from '@/components/RequireRole';
import { StaffHeader } from '@/components/StaffHeader';
import styles from '@/components/Staff.module.css';
import { DataTable, Field, FilterBar, FilterSelect, Notice, Page, Pager, ui } from '@/components/ui';
import { ApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { en, es, type AuthTexts } from '@/lib/i18n/auth';
import { authedFetch, type Session } from '@/lib/session';
import { RegisterDoctorForm } from './RegisterDoctorForm';
import type { Page as ApiPage, Schemas } from '@/lib/api/types';

const IT_ROLES = ['it_admin'] as const;
const PAGE_SIZE = 20;
const STAFF_ROLES = ['specialist', 'doctor', 'medical_admin', 'admin', 'it_admin'];

export type Professional = Schemas['AccountView'];

type PageOf = ApiPage<Professional>;

const pagesOf = (p: PageOf) => Math.ceil(p.total / p.size);

/** The IT panel: every staff account, filters, registration, activation and edits. */
export function ItPanel({ lang }: { lang: Lang }) {
  return <RequireRole roles={IT_ROLES}>{(session) => <Panel session={session} lang={lang} />}</RequireRole>;
}

function Panel({ session, lang }: { session: Session; lang: Lang }) {
  const texts = localized({ es, en }, lang);
  const t = texts.it;
  const [filters, setFilters] = useState<{ specialty: string; active: string }>({ specialty: '', active: '' });
  const [page, setPage] = useState(0);
  const [data, setData] = useState<PageOf | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      const result = await authedFetch<PageOf>('/admin/medical-professionals', {
        query: {
          page,
          size: PAGE_SIZE,
          specialty: filters.specialty || undefined,
          active: filters.active || undefined,
        },
      });
      setData(result);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) window.location.replace('/login?next=/it/medical-professionals');
      else setNotice({ kind: 'error', text: t.failed });
    }
  }, [page, filters, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function change(id: number, body: Record<string, unknown>) {
    setNotice(null);
    try {
      await authedFetch(`/admin/medical-professionals/${id}`, { method: 'PATCH', body });
      setEditing(null);
      setNotice({ kind: 'ok', text: t.updated });
      await load();
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof ApiError && e.status < 500 && e.status !== 401 ? t.invalid : t.failed });
    }
  }

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPage(0);
    setFilters({ specialty: String(form.get('specialty') ?? '').trim(), active: String(form.get('active') ?? '') });
  }

  return (
    <>
      <StaffHeader session={session} lang={lang} />
      <Page soft>
        <h1 className={ui.title}>{t.title}</h1>
        <p className={ui.lead}>{t.lead}</p>
        {notice && (
          <Notice kind={notice.kind === 'ok' ? 'success' : 'error'} role="status" testId="it-notice">
            {notice.text}
          </Notice>
        )}
        <div className={styles.grid}>
          <div className={ui.panel}>
            <FilterBar onApply={applyFilters} applyLabel={t.apply} label={t.filters}>
              <Field id="filter-specialty" name="specialty" label={t.specialty} defaultValue={filters.specialty} />
              <FilterSelect
                id="filter-active"
                name="active"
                label={t.state}
                anyLabel={t.all}
                defaultValue={filters.active}
                options={[
                  { value: 'true', label: t.active },
                  { value: 'false', label: t.inactive },
                ]}
              />
            </FilterBar>
            <ProfessionalsTable
              data={data}
              t={texts}
              selfId={Number(tokenSubject(session.access_token))}
              editing={editing}
              onEdit={setEditing}
              onChange={change}
            />
            {data && pagesOf(data) > 1 && (
              <Pager page={page} last={page + 1 >= pagesOf(data)} onPage={setPage} texts={t}>
                {t.page(page + 1, pagesOf(data), data.total)}
              </Pager>
            )}
          </div>
          <RegisterDoctorForm lang={lang} onRegistered={load} />
        </div>
      </Page>
    </>
  );
}

function ProfessionalsTable({
  data,
  t,
  selfId,
  editing,
  onEdit,
  onChange,
}: {
  data: PageOf | null;
  t: AuthTexts;
  selfId: number;
  editing: number | null;
  onEdit: (id: number | null) => void;
  onChange: (id: number, body: Record<string, unknown>) => Promise<void>;
}) {
  if (!data) return <p>{t.it.loading}</p>;
  return (
    <DataTable
      testId="professionals"
      columns={[t.it.name, t.it.specialty, t.it.license, t.it.role, t.it.state, t.it.actions]}
      rows={data.items}
      empty={t.it.empty}
      row={(p) =>
        editing === p.id ? (
          <EditRow key={p.id} p={p} t={t} onCancel={() => onEdit(null)} onSave={(body) => onChange(p.id, body)} />
        ) : (
          <tr key={p.id} className={p.active ? undefined : styles.inactive} data-email={p.email}>
            <td>
              <strong>{p.full_name}</strong>
              <br />
              <small>{p.email}</small>
            </td>
            <td>{p.specialty ?? '—'}</td>
            <td>{p.license_number ?? '—'}</td>
            <td>{t.staff.roles[p.role] ?? p.role}</td>
            <td>{p.active ? t.it.active : t.it.inactive}</td>
            <td>
              <div className={ui.inline}>
                <button type="button" className={`btn btn--secondary ${ui.small}`} onClick={() => onEdit(p.id)}>
                  {t.it.edit}
                </button>
                {p.id !== selfId && (
                  <button
                    type="button"
                    className={`btn btn--secondary ${ui.small}`}
                    onClick={() => onChange(p.id, { active: !p.active })}
                  >
                    {p.active ? t.it.deactivate : t.it.activate}
                  </button>
                )}
              </div>
            </td>
          </tr>
        )
      }
    />
  );
}

function EditRow({
  p,
  t,
  onCancel,
  onSave,
}: {
  p: Professional;
  t: AuthTexts;
  onCancel: () => void;
  onSave: (body: Record<string, unknown>) => Promise<void>;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, unknown> = {};
    for (const key of ['full_name', 'specialty', 'license_number', 'role']) {
      const value = String(form.get(key) ?? '').trim();
      const before = (p as unknown as Record<string, unknown>)[key] ?? '';
      if (value && value !== before) body[key] = value;
    }
    if (Object.keys(body).length === 0) return onCancel();
    void onSave(body);
  }
  const formId = `edit-${p.id}`;
  return (
    <tr>
      <td>
        <form id={formId} onSubmit={submit} />
        <input className={ui.control} form={formId} name="full_name" aria-label={t.it.fullName} defaultValue={p.full_name} />
        <br />
        <small>{p.email}</small>
      </td>
      <td>
        <input className={ui.control} form={formId} name="specialty" aria-label={t.it.specialty} defaultValue={p.specialty ?? ''} />
      </td>
      <td>
        <input
          className={ui.control}
          form={formId}
          name="license_number"
          aria-label={t.it.license}
          defaultValue={p.license_number ?? ''}
        />
      </td>
      <td>
        <select className={ui.control} form={formId} name="role" aria-label={t.it.role} defaultValue={p.role}>
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {t.staff.roles[role] ?? role}
            </option>
          ))}
        </select>
      </td>
      <td>{p.active ? t.it.active : t.it.inactive}</td>
      <td>
        <div className={ui.inline}>
          <button type="submit" form={formId} className={`btn btn--primary ${ui.small}`}>
            {t.it.save}
          </button>
          <button type="button" className={`btn btn--secondary ${ui.small}`} onClick={onCancel}>
            {t.it.cancel}
          </button>
        </div>
      </td>
    </tr>
  );
}

/** The `sub` of the signed-in user's token (display logic only: the API enforces the rule itself). */
function tokenSubject(token: string): string | null {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return (JSON.parse(atob(payload)) as { sub?: string }).sub ?? null;
  } catch {
    return null;
  }
}
