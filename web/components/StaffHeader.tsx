'use client';

import Link from 'next/link';
import { useState } from 'react';
import { localized, type Lang } from '@/lib/i18n';
import { en, es } from '@/lib/i18n/auth';
import { signOut, type Session } from '@/lib/session';
import styles from './Staff.module.css';

/** The bar every staff panel shows: who is signed in, their role, a link to security settings, and sign-out. */
export function StaffHeader({ session, lang }: { session: Session; lang: Lang }) {
  const t = localized({ es, en }, lang).staff;
  const [leaving, setLeaving] = useState(false);

  async function leave() {
    setLeaving(true);
    await signOut();
    window.location.replace('/login');
  }

  return (
    <div className={styles.bar} data-testid="staff-header">
      <div className={`container ${styles.barInner}`}>
        <p className={styles.who}>
          {t.signedInAs} <strong data-testid="staff-name">{session.full_name ?? session.email}</strong>
          <span className={styles.role}>{t.roles[session.role] ?? session.role}</span>
        </p>
        <div className={styles.barActions}>
          <Link href="/cuenta/seguridad" className={styles.barLink}>
            {t.security}
          </Link>
          <button type="button" className={styles.signOut} onClick={leave} disabled={leaving}>
            {t.signOut}
          </button>
        </div>
      </div>
    </div>
  );
}
