import type { ReactNode } from 'react';
import styles from './ui.module.css';

/**
 * A message about what just happened: `error` (red) or `success` (green). Errors are announced at once
 * (`role="alert"`), successes politely (`role="status"`); `role={null}` leaves the announcing to a live region
 * around it.
 */
export function Notice({
  kind,
  role,
  testId,
  children,
}: {
  kind: 'error' | 'success';
  role?: 'alert' | 'status' | null;
  testId?: string;
  children: ReactNode;
}) {
  const shownRole = role === undefined ? (kind === 'error' ? 'alert' : 'status') : (role ?? undefined);
  return (
    <p className={`${styles.notice} ${styles[kind]}`} role={shownRole} data-testid={testId}>
      {children}
    </p>
  );
}
