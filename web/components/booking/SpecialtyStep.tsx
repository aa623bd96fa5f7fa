import { useMemo } from 'react';
import type { PublicDoctor } from '@/lib/booking';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { Notice, ui } from '@/components/ui';
import styles from './booking.module.css';

/** Step 1: a specialty of the bookable doctors, or all of them (`null`). */
export function SpecialtyStep({
  lang,
  doctors,
  loadError,
  onPick,
}: {
  lang: Lang;
  doctors: PublicDoctor[] | null;
  loadError: boolean;
  onPick: (specialty: string | null) => void;
}) {
  const t = bookingTexts[lang].flow;
  const specialties = useMemo(
    () => Array.from(new Set((doctors ?? []).map((d) => d.specialty ?? '').filter(Boolean))).sort(),
    [doctors],
  );
  return (
    <div>
      <h2>{t.specialty}</h2>
      {loadError && <Notice kind="error">{t.error}</Notice>}
      {doctors === null && !loadError && <p className={ui.muted}>{t.loading}</p>}
      {doctors !== null && doctors.length === 0 && <p className={ui.muted}>{t.noDoctors}</p>}
      {doctors !== null && doctors.length > 0 && (
        <div className={styles.grid}>
          {[null, ...specialties].map((s) => (
            <button
              key={s ?? 'all'}
              type="button"
              className={styles.choice}
              data-testid="booking-specialty"
              onClick={() => onPick(s)}
            >
              <strong>{s ?? t.allSpecialties}</strong>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
