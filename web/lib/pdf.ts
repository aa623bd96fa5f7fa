/**
 * Clinical documents as PDF (pdf-service). `/pdf/...` is the full archival layout, `/pdf_clinica/...` the
 * compact clinical summary; the single record exists only in the latter family. Downloads carry the bearer
 * token, so they are fetched as a blob and saved from an object URL (a plain link would go without it).
 */
import { apiRequest, ApiError, type RequestOptions } from './api';
import { fileNameOf, type PdfFile } from './pdfFiles';
import { loadSession, refreshSession } from './session';

const PDF_TYPE = 'application/pdf';

export { pdfPaths, fileNameOf } from './pdfFiles';
export type { PdfFile } from './pdfFiles';

/** Fetches a document as the signed-in user (renewing the session once on a 401). */
export async function fetchPdf(path: string, options: Pick<RequestOptions, 'fetch' | 'signal'> = {}): Promise<PdfFile> {
  const session = loadSession();
  if (!session) throw new ApiError({ status: 401, title: 'Not signed in' });
  const request = (token: string) =>
    apiRequest(path, { ...options, token, headers: { Accept: `${PDF_TYPE}, application/problem+json` } });
  let response: Response;
  try {
    response = await request(session.access_token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !session.refresh_token) throw error;
    const renewed = await refreshSession(options);
    if (!renewed) throw error;
    response = await request(renewed.access_token);
  }
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) };
}

/** Fetches a document and hands it to the browser as a download. */
export async function downloadPdf(path: string): Promise<PdfFile> {
  const file = await fetchPdf(path);
  const url = URL.createObjectURL(file.blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return file;
}
