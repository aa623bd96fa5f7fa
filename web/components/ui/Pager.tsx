import type { ReactNode } from 'react';
import styles from './ui.module.css';

/** Previous / where we are / next under a paged list (`page` counts from 0). */
export function Pager({
  page,
  last,
  onPage,
  texts,
  children,
}: {
  page: number;
  /** Whether `page` is the last page. */
  last: boolean;
  onPage: (page: number) => void;
  texts: { previous: string; next: string };
  /** Where we are, e.g. "Página 2 · 57 en total". */
  children: ReactNode;
}) {
  return (
    <div className={styles.pager}>
      <button
        type="button"
        className={`btn btn--secondary ${styles.small}`}
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        {texts.previous}
      </button>
      <span className={styles.muted}>{children}</span>
      <button type="button" className={`btn btn--secondary ${styles.small}`} disabled={last} onClick={() => onPage(page + 1)}>
        {texts.next}
      </button>
    </div>
  );
}
