'use client';

import styles from '@/components/Staff.module.css';

/** New password + confirmation, shared by the change and reset screens. */
export function PasswordFields({ labels }: { labels: { next: string; confirm: string; rules: string } }) {
  return (
    <>
      <div className={styles.field}>
        <label className={styles.label} htmlFor="new_password">
          {labels.next}
        </label>
        <input
          className={styles.input}
          id="new_password"
          name="new_password"
          type="password"
          autoComplete="new-password"
          minLength={12}
          required
          aria-describedby="password-rules"
        />
        <p className={styles.hint} id="password-rules">
          {labels.rules}
        </p>
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor="confirm">
          {labels.confirm}
        </label>
        <input className={styles.input} id="confirm" name="confirm" type="password" autoComplete="new-password" required />
      </div>
    </>
  );
}
