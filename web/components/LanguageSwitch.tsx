'use client';

import { usePathname } from 'next/navigation';
import { LANGS, type Lang } from '@/lib/i18n';

type Props = {
  current: Lang;
  /** Accessible name of the group, in the current language. */
  label: string;
  /** Full language names, e.g. { es: 'Español', en: 'English' }. */
  names: Record<Lang, string>;
};

/**
 * ES | EN switch. Plain links to the `/lang` route handler, which sets the
 * `lang` cookie and redirects back to the current page (works without JS).
 */
export function LanguageSwitch({ current, label, names }: Props) {
  const pathname = usePathname() || '/';

  return (
    <div className="lang-switch" role="group" aria-label={label}>
      {LANGS.map((lang, i) => (
        <span key={lang} className="lang-switch__item">
          {i > 0 && (
            <span className="lang-switch__sep" aria-hidden="true">
              |
            </span>
          )}
          {lang === current ? (
            <span className="lang-switch__link is-active" aria-current="true" lang={lang} title={names[lang]}>
              {lang.toUpperCase()}
            </span>
          ) : (
            <a
              className="lang-switch__link"
              href={`/lang?set=${lang}&next=${encodeURIComponent(pathname)}`}
              hrefLang={lang}
              lang={lang}
              title={names[lang]}
              rel="nofollow"
            >
              {lang.toUpperCase()}
            </a>
          )}
        </span>
      ))}
    </div>
  );
}
