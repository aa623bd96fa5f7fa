import Link from 'next/link';
import type { Dictionary, Lang } from '@/lib/i18n';
import { LogoMark } from './Icons';
import { LanguageSwitch } from './LanguageSwitch';

export function SiteHeader({ lang, t }: { lang: Lang; t: Dictionary }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="brand" aria-label={t.a11y.home}>
          <LogoMark className="brand__mark" />
          <span className="brand__name">Telemed</span>
        </Link>
        <nav className="site-nav" aria-label={t.a11y.mainNav}>
          <ul className="site-nav__list">
            <li>
              <Link href="/reserva" className="site-nav__link">
                {t.nav.book}
              </Link>
            </li>
            <li>
              <Link href="/login" className="site-nav__link">
                {t.nav.professionals}
              </Link>
            </li>
          </ul>
          <LanguageSwitch current={lang} label={t.a11y.languageSwitch} names={t.languages} />
        </nav>
      </div>
    </header>
  );
}
