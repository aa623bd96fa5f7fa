import Link from 'next/link';
import type { Dictionary } from '@/lib/i18n';
import { LogoMark } from './Icons';

export function SiteFooter({ t }: { t: Dictionary }) {
  const year = new Date().getFullYear();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <div className="site-footer__brand">
          <span className="brand brand--footer">
            <LogoMark className="brand__mark" />
            <span className="brand__name">Telemed</span>
          </span>
          <p className="site-footer__tagline">{t.footer.tagline}</p>
        </div>
        <ul className="site-footer__links">
          <li>
            <Link href="/reserva">{t.nav.book}</Link>
          </li>
          <li>
            <Link href="/login">{t.nav.professionals}</Link>
          </li>
        </ul>
      </div>
      <div className="container site-footer__bottom">
        <p className="site-footer__emergency">{t.footer.emergency}</p>
        <p className="site-footer__copy">
          © {year} {t.footer.rights}
        </p>
      </div>
    </footer>
  );
}
