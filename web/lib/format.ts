/**
 * How dates, times, periods and amounts read in each language of the site: the one place that maps a language to
 * its locale. No imports, so `npm test` can load it with plain Node.
 */

/** The locale each language of the site formats with; an unknown language is passed through as a locale tag. */
export const LOCALES: Readonly<Record<string, string>> = { es: 'es-ES', en: 'en-GB' };

export const localeOf = (lang: string): string => LOCALES[lang] ?? lang;

/** The browser's IANA time zone: the patient's own. */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Minor units in the currency's major unit, e.g. 4500 eur → "45,00 €" (es) / "€45.00" (en). */
export function formatAmount(minor: number, currency: string, lang: string): string {
  return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency: currency.toUpperCase() }).format(
    minor / 100,
  );
}

/** An instant with weekday, date and time, in the given zone (the viewer's by default). */
export function formatDateTime(iso: string, lang: string, timeZone = viewerTimeZone()): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** The time of day of an instant, in the given zone (the viewer's by default). */
export function formatTime(iso: string, lang: string, timeZone = viewerTimeZone()): string {
  return new Intl.DateTimeFormat(localeOf(lang), { hour: '2-digit', minute: '2-digit', timeZone }).format(
    new Date(iso),
  );
}

/** A calendar day as a short label ("vie, 27 nov"), in the zone of the date given. */
export function formatDay(day: Date, lang: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), { weekday: 'short', day: 'numeric', month: 'short' }).format(day);
}

export type Period = 'day' | 'week' | 'month';

/**
 * A totals row's period key as people read it. The service answers `2026-11-27` (a day, or the Monday a week
 * starts on), `2026-11` (a month) or `2026-W48` (an ISO week); anything else is shown as it came.
 */
export function periodLabel(key: string, period: Period, lang: string): string {
  const week = /^(\d{4})-W(\d{1,2})$/.exec(key);
  if (week) return lang === 'es' ? `Semana ${Number(week[2])} de ${week[1]}` : `Week ${Number(week[2])}, ${week[1]}`;
  const monthOf = (date: Date) =>
    new Intl.DateTimeFormat(localeOf(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return monthOf(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(key);
  if (!day) return key;
  const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  if (period === 'month') return monthOf(date);
  const shown = new Intl.DateTimeFormat(localeOf(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
  if (period === 'week') return lang === 'es' ? `Semana del ${shown}` : `Week of ${shown}`;
  return shown;
}
