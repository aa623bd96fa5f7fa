import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import styles from './booking.module.css';

/** 0 specialty, 1 doctor, 2 day and time, 3 details, 4 payment. */
export type Step = 0 | 1 | 2 | 3 | 4;

/** The chips above the flow: where the patient is, and what is done. */
export function BookingSteps({ lang, step }: { lang: Lang; step: Step }) {
  const t = bookingTexts[lang].flow;
  return (
    <ol className={styles.steps} aria-label={t.title}>
      {t.steps.map((name, i) => {
        const index = i <= 2 ? i : i - 1; // day and time are one step of the flow
        const current = index === step;
        return (
          <li
            key={name}
            className={`${styles.step} ${current ? styles.stepCurrent : index < step ? styles.stepDone : ''}`}
            aria-current={current ? 'step' : undefined}
          >
            {name}
          </li>
        );
      })}
    </ol>
  );
}
