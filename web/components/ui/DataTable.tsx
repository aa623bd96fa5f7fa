import type { ReactNode } from 'react';
import styles from './ui.module.css';

export interface Column {
  label: ReactNode;
  className?: string;
}

/**
 * A table that scrolls sideways on a narrow screen: a header row of `columns` (a heading, or one with a class; a
 * `false` entry is left out, for columns only some readers see) and one row per item. With `empty`, no items shows
 * that line instead.
 */
export function DataTable<T>({
  columns,
  rows,
  row,
  empty,
  testId,
}: {
  columns: (Column | string | false)[];
  rows: readonly T[];
  row: (item: T) => ReactNode;
  empty?: ReactNode;
  testId?: string;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className={styles.muted}>{empty}</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) =>
              typeof c === 'string' ? (
                <th key={i} scope="col">
                  {c}
                </th>
              ) : (
                c && (
                  <th key={i} scope="col" className={c.className}>
                    {c.label}
                  </th>
                )
              ),
            )}
          </tr>
        </thead>
        <tbody>{rows.map(row)}</tbody>
      </table>
    </div>
  );
}
