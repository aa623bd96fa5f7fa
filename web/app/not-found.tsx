import Link from 'next/link';
import { getI18n } from '@/lib/i18n/server';

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <section className="not-found">
      <div className="container not-found__inner">
        <p className="not-found__code" aria-hidden="true">
          404
        </p>
        <h1 className="not-found__title">{t.notFound.title}</h1>
        <p className="not-found__text">{t.notFound.text}</p>
        <Link href="/" className="btn btn--primary">
          {t.notFound.back}
        </Link>
      </div>
    </section>
  );
}
