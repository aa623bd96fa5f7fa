import { en } from './en';
import { es, type Dictionary } from './es';

export type { Dictionary };

export const LANGS = ['es', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'es';

/** Name of the cookie that stores the visitor's language choice. */
export const LANG_COOKIE = 'lang';

/** One year, in seconds. */
export const LANG_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

const dictionaries: Record<Lang, Dictionary> = { es, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Returns a supported language, falling back to the default one. */
export function toLang(value: unknown): Lang {
  return isLang(value) ? value : DEFAULT_LANG;
}

export function getDictionary(lang: Lang): Dictionary {
  return dictionaries[lang];
}

/**
 * A feature's own texts, kept beside the feature (e.g. `lib/i18n/booking.ts` exports `{ es, en }`) rather than
 * in the shared dictionaries, so features can grow apart without touching one file.
 */
export function localized<T>(texts: { es: T; en: T }, lang: Lang): T {
  return texts[lang];
}
