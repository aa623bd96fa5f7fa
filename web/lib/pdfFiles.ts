/** Paths and file names of the clinical documents; no imports, so the unit tests load it directly. */

export const pdfPaths = {
  history: (patientId: number | string) => `/pdf/patients/${patientId}/history/pdf`,
  historySummary: (patientId: number | string) => `/pdf_clinica/patients/${patientId}/history/pdf`,
  consultation: (consultationId: number | string) => `/pdf/consultations/${consultationId}/pdf`,
  consultationSummary: (consultationId: number | string) => `/pdf_clinica/consultations/${consultationId}/pdf`,
  record: (patientId: number | string, recordId: number | string) =>
    `/pdf_clinica/patients/${patientId}/complaint/${recordId}/pdf`,
};

/** A downloaded document: its bytes and the file name the server chose. */
export interface PdfFile {
  blob: Blob;
  fileName: string;
}

/** The file name in a Content-Disposition header, or a fallback. */
export function fileNameOf(disposition: string | null, fallback = 'documento.pdf'): string {
  if (!disposition) return fallback;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

