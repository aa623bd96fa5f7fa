// Unit tests for lib/pdfFiles.ts (run with `npm test`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importTs } from './importTs.mjs';

const f = await importTs(new URL('./pdfFiles.ts', import.meta.url));

describe('pdfPaths', () => {
  it('gives the five documents their API paths, archival under /pdf and the summary under /pdf_clinica', () => {
    assert.equal(f.pdfPaths.history(7), '/pdf/patients/7/history/pdf');
    assert.equal(f.pdfPaths.historySummary(7), '/pdf_clinica/patients/7/history/pdf');
    assert.equal(f.pdfPaths.consultation(42), '/pdf/consultations/42/pdf');
    assert.equal(f.pdfPaths.consultationSummary(42), '/pdf_clinica/consultations/42/pdf');
    assert.equal(f.pdfPaths.record(7, 3), '/pdf_clinica/patients/7/complaint/3/pdf');
  });
});

describe('fileNameOf', () => {
  it('reads the quoted, bare and RFC 5987 forms of Content-Disposition', () => {
    assert.equal(f.fileNameOf('attachment; filename="consulta-42.pdf"'), 'consulta-42.pdf');
    assert.equal(f.fileNameOf('attachment; filename=consulta-42.pdf'), 'consulta-42.pdf');
    assert.equal(f.fileNameOf("attachment; filename*=UTF-8''historia%20cl%C3%ADnica.pdf"), 'historia clínica.pdf');
  });

  it('falls back when there is no usable name', () => {
    assert.equal(f.fileNameOf(null), 'documento.pdf');
    assert.equal(f.fileNameOf('attachment', 'x.pdf'), 'x.pdf');
  });
});
