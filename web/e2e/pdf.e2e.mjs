// Browser test of the clinical documents (one scenario of `npm run test:e2e`; see harness.mjs): doctor1 signs a
// record for the demo consultation, downloads the full history from the patient's page, and all five documents
// come through the gateway as PDFs built from the real owners' data; doctor2 gets 404 for the same documents.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { BASE_URL, apiCall, check, runScenario } from './harness.mjs';

const DEMO_PASSWORD = 'Telemed-Demo-2026!';
const DEMO_PATIENT = 'Ana García López';
const COMPLAINT = 'Lesión pigmentada en el antebrazo, ¿cambio reciente? (€ 0)';

async function signIn(page, email, next) {
  await page.evaluate(() => sessionStorage.clear()).catch(() => undefined);
  await page.goto(`${BASE_URL}/login?next=${encodeURIComponent(next)}`, { waitUntil: 'load' });
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((url) => url.pathname === next, { timeout: 20_000 });
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('telemed.session')).access_token);
}

async function download(path, token) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

function pdfText(bytes) {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');
  } catch {
    return null; // pdftotext not installed: the services' own tests read the text
  }
}

await runScenario(async (page) => {
  let patientId;
  let consultationId;
  let recordId;
  let token;

  await check('doctor1 opens the demo patient and signs a record for the demo consultation', async () => {
    token = await signIn(page, 'doctor1@telemed.local', '/doctor/patients');
    for (let attempt = 0; attempt < 30; attempt++) {
      await page.getByRole('heading', { level: 1, name: 'Mis pacientes' }).waitFor();
      if (await page.getByRole('cell', { name: DEMO_PATIENT }).count()) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await page.reload({ waitUntil: 'load' });
    }
    await page.getByRole('row').filter({ hasText: DEMO_PATIENT }).getByRole('link', { name: 'Abrir historia' }).click();
    await page.waitForURL((url) => /^\/doctor\/patients\/\d+$/.test(url.pathname));
    patientId = Number(new URL(page.url()).pathname.split('/').pop());
    const summary = await apiCall('GET', `/api/v1/doctor/patients/${patientId}`, { token, expect: 200 });
    consultationId = summary.body.consultations[0].consultation_id;
    const created = await apiCall('POST', `/api/v1/doctor/patients/${patientId}/history`, {
      token, expect: 201,
      body: {
        consultation_id: consultationId, chief_complaint: COMPLAINT, assessment: 'Nevus displásico probable',
        plan: 'Dermatoscopia y control', allergies: [{ substance: 'Látex', reaction: 'Eccema', severity: 'mild' }],
      },
    });
    recordId = created.body.id;
    await apiCall('POST', `/api/v1/doctor/patients/${patientId}/history/${recordId}/sign`, { token, expect: 200 });
  });

  await check('the full history downloads from the patient page as a PDF with the patient and the record', async () => {
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId(`record-${recordId}`).waitFor();
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: /Historia completa \(PDF\)/ }).click(),
    ]);
    assert.equal(file.suggestedFilename(), `historia-clinica-${patientId}.pdf`);
    const bytes = await readFile(await file.path());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(bytes);
    if (text !== null) {
      assert.match(text, new RegExp(DEMO_PATIENT));
      assert.match(text, /Lesión pigmentada en el antebrazo/);
      assert.match(text, /Página 1 de \d+/);
    }
  });

  await check('all five documents come through the gateway as PDFs, never cached', async () => {
    const paths = [
      `/pdf/patients/${patientId}/history/pdf`,
      `/pdf/consultations/${consultationId}/pdf`,
      `/pdf_clinica/patients/${patientId}/complaint/${recordId}/pdf`,
      `/pdf_clinica/patients/${patientId}/history/pdf`,
      `/pdf_clinica/consultations/${consultationId}/pdf`,
    ];
    for (const path of paths) {
      const { response, bytes } = await download(path, token);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), 'application/pdf', path);
      assert.match(response.headers.get('cache-control') ?? '', /no-store/, path);
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="[a-z-]+-\d+\.pdf"$/, path);
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', path);
      const text = pdfText(bytes);
      if (text !== null) assert.match(text, /Lesión pigmentada en el antebrazo/, path);
    }
  });

  await check('doctor2, who never treated the patient, gets 404 for the same documents', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    const other = await signIn(page, 'doctor2@telemed.local', '/doctor');
    for (const path of [`/pdf/patients/${patientId}/history/pdf`, `/pdf/consultations/${consultationId}/pdf`,
      `/pdf_clinica/patients/${patientId}/complaint/${recordId}/pdf`]) {
      const { response } = await download(path, other);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/, path);
    }
    const { response } = await download(`/pdf/patients/${patientId}/history/pdf`, '');
    assert.equal(response.status, 401);
  });
});
