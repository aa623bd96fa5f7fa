import type { PublicDoctor } from '@/lib/booking';
import { formatAmount, formatDateTime } from '@/lib/format';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { ui } from '@/components/ui';
import { BackButton } from './BackButton';
import styles from './booking.module.css';

/** Step 2: a doctor of the chosen specialty, with fee, languages and first free time. */
export function DoctorStep({
  lang,
  doctors,
  onPick,
  onBack,
}: {
  lang: Lang;
  doctors: PublicDoctor[];
  onPick: (doctor: PublicDoctor) => void;
  onBack: () => void;
}) {
  const t = bookingTexts[lang].flow;
  return (
    <div>
      <h2>{t.doctor}</h2>
      <div className={styles.grid}>
        {doctors.map((d) => (
          <button
            key={d.id}
            type="button"
            className={styles.choice}
            data-testid="booking-doctor"
            data-doctor-id={d.id}
            onClick={() => onPick(d)}
          >
            <strong>{d.full_name}</strong>
            <span>{d.specialty}</span>
            <span className={ui.muted}>
              {t.fee}: {formatAmount(d.consultation_fee, d.currency, lang)} · {t.duration(d.duration_minutes)}
            </span>
            <span className={ui.muted}>
              {t.languages}: {d.languages.join(', ').toUpperCase()}
            </span>
            <span className={ui.muted}>
              {d.next_slots.length > 0 ? `${t.nextSlot}: ${formatDateTime(d.next_slots[0].starts_at, lang)}` : t.noNextSlot}
            </span>
          </button>
        ))}
      </div>
      <div className={ui.actions}>
        <BackButton lang={lang} onBack={onBack} />
      </div>
    </div>
  );
}
