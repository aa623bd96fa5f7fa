import type { PublicDoctor, Slot } from '@/lib/booking';
import type { Lang } from '@/lib/i18n';
import { BookingSlotPicker } from './SlotPicker';
import { ui } from '@/components/ui';
import { BackButton } from './BackButton';

/** Step 3: a day, then a free time of the chosen doctor (in the patient's zone). */
export function SlotStep({
  lang,
  doctor,
  refreshKey,
  onPick,
  onBack,
}: {
  lang: Lang;
  doctor: PublicDoctor;
  refreshKey: number;
  onPick: (slot: Slot) => void;
  onBack: () => void;
}) {
  return (
    <div>
      <p className={ui.muted}>
        <strong>{doctor.full_name}</strong> · {doctor.specialty}
      </p>
      <BookingSlotPicker doctorId={doctor.id} lang={lang} refreshKey={refreshKey} onPick={onPick} />
      <div className={ui.actions}>
        <BackButton lang={lang} onBack={onBack} />
      </div>
    </div>
  );
}
