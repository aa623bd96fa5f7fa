import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';

/** "Back" to the step before. */
export function BackButton({ lang, onBack }: { lang: Lang; onBack: () => void }) {
  return (
    <button type="button" className="btn btn--secondary" onClick={onBack}>
      {bookingTexts[lang].flow.back}
    </button>
  );
}
