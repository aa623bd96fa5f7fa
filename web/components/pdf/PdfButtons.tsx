'use client';

import { useState } from 'react';
import { isApiError } from '@/lib/api';
import type { Lang } from '@/lib/i18n';
import { downloadPdf } from '@/lib/pdf';

/** One document to offer: an API path from `pdfPaths` and the button's label. */
export interface PdfLink {
  path: string;
  label: string;
}

const texts = {
  es: {
    downloading: 'Generando PDF…',
    notFound: 'Documento no disponible.',
    unavailable: 'Los datos clínicos no están disponibles ahora; inténtelo de nuevo en un momento.',
    failed: 'No se pudo descargar el PDF.',
  },
  en: {
    downloading: 'Generating PDF…',
    notFound: 'Document not available.',
    unavailable: 'The clinical data is unavailable right now; please try again in a moment.',
    failed: 'The PDF could not be downloaded.',
  },
} as const;

/** Buttons that download clinical documents with the session's token (see `lib/pdf.ts`). */
export function PdfButtons({ lang, links }: { lang: Lang; links: PdfLink[] }) {
  const t = texts[lang] ?? texts.es;
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(path: string) {
    setBusy(path);
    setError(null);
    try {
      await downloadPdf(path);
    } catch (e) {
      if (isApiError(e) && (e.status === 404 || e.status === 403)) setError(t.notFound);
      else if (isApiError(e) && e.status === 503) setError(t.unavailable);
      else setError(t.failed);
    } finally {
      setBusy(null);
    }
  }

  return (
    <span className="pdf-buttons" data-testid="pdf-buttons">
      {links.map((link) => (
        <button key={link.path} type="button" className="btn btn--secondary" data-testid="pdf-download"
          data-path={link.path} disabled={busy !== null} aria-busy={busy === link.path}
          onClick={() => download(link.path)}>
          {busy === link.path ? t.downloading : `⤓ ${link.label}`}
        </button>
      ))}
      {error && <span role="alert" data-testid="pdf-error">{error}</span>}
    </span>
  );
}
