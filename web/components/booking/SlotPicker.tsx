'use client';

import { useEffect, useMemo, useState } from 'react';
import { isApiError } from '@/lib/api';
import { dayStart, freeSlots, type Slot } from '@/lib/booking';
import { formatDay, formatTime, viewerTimeZone } from '@/lib/format';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { Notice, ui } from '@/components/ui';
import styles from './booking.module.css';

const DAYS = 14;

/** Day, then a free slot of one doctor, shown in the viewer's (patient's) time zone. */
export function BookingSlotPicker({
  doctorId,
  lang,
  onPick,
  refreshKey = 0,
}: {
  doctorId: number;
  lang: Lang;
  onPick: (slot: Slot) => void;
  refreshKey?: number;
}) {
  const t = bookingTexts[lang].flow;
  const days = useMemo(() => Array.from({ length: DAYS }, (_, i) => dayStart(i)), []);
  const [day, setDay] = useState<number | null>(null);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const zone = viewerTimeZone();

  useEffect(() => {
    if (day === null) return;
    let live = true;
    setSlots(null);
    setError(null);
    const from = days[day];
    const to = dayStart(day + 1);
    freeSlots(doctorId, from, to)
      .then((answer) => live && setSlots(answer.slots))
      .catch((e) => live && setError(isApiError(e) && e.detail ? e.detail : t.error));
    return () => {
      live = false;
    };
  }, [day, doctorId, days, refreshKey, t.error]);

  return (
    <div>
      <h2>{t.day}</h2>
      <div className={styles.slots} role="list" aria-label={t.day}>
        {days.map((d, i) => (
          <button
            key={d.toISOString()}
            type="button"
            role="listitem"
            data-testid="booking-day"
            className={`${styles.slot} ${i === day ? styles.slotSelected : ''}`}
            aria-pressed={i === day}
            onClick={() => setDay(i)}
          >
            {formatDay(d, lang)}
          </button>
        ))}
      </div>
      {day !== null && (
        <div className={styles.picked}>
          <h2>{t.slot}</h2>
          <p className={ui.muted}>{t.timezoneNote(zone)}</p>
          {error && <Notice kind="error">{error}</Notice>}
          {slots === null && !error && <p className={ui.muted}>{t.loading}</p>}
          {slots !== null && slots.length === 0 && <p className={ui.muted}>{t.noSlots}</p>}
          {slots !== null && slots.length > 0 && (
            <div className={styles.slots}>
              {slots.map((slot) => (
                <button
                  key={slot.starts_at}
                  type="button"
                  className={styles.slot}
                  data-testid="booking-slot"
                  data-starts-at={slot.starts_at}
                  onClick={() => onPick(slot)}
                >
                  {formatTime(slot.starts_at, lang, zone)}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
