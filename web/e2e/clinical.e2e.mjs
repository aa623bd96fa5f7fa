// Browser test of the clinical history (one scenario of `npm run test:e2e`; see harness.mjs): doctor1 opens the
// demo patient of a past consultation, writes a record from a starter template, signs it, is refused when editing
// it and offered an addendum, adds one; doctor2, who never treated that patient, gets the not-found page.
import assert from 'node:assert/strict';
import { BASE_URL, check, runScenario, screenshot } from './harness.mjs';

const DEMO_PASSWORD = 'Telemed-Demo-2026!';
const DEMO_PATIENT = 'Ana García López';

async function signIn(page, email, next) {
  await page.evaluate(() => sessionStorage.clear()).catch(() => undefined); // about:blank has no storage
  await page.goto(`${BASE_URL}/login?next=${encodeURIComponent(next)}`, { waitUntil: 'load' });
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((url) => url.pathname === next, { timeout: 20_000 });
}

await runScenario(async (page) => {
  let patientPath;
  let recordId;

  await check('doctor1 finds the demo patient of a past consultation in their patients', async () => {
    await signIn(page, 'doctor1@telemed.local', '/doctor/patients');
    // The demo consultation is created once doctor1 reaches booking's directory; give it time on a fresh stack.
    for (let attempt = 0; attempt < 30; attempt++) {
      await page.getByRole('heading', { level: 1, name: 'Mis pacientes' }).waitFor();
      if (await page.getByRole('cell', { name: DEMO_PATIENT }).count()) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await page.reload({ waitUntil: 'load' });
    }
    const row = page.getByRole('row').filter({ hasText: DEMO_PATIENT });
    await row.getByRole('link', { name: 'Abrir historia' }).click();
    await page.waitForURL((url) => /^\/doctor\/patients\/\d+$/.test(url.pathname));
    patientPath = new URL(page.url()).pathname;
    await page.getByTestId('patient-name').filter({ hasText: DEMO_PATIENT }).waitFor();
  });

  await check('doctor1 writes a record from the follow-up template and saves it as a draft', async () => {
    await page.getByTestId('new-record').click();
    await page.getByTestId('template-select').selectOption({ label: 'Seguimiento' });
    const complaint = page.getByLabel('Motivo de consulta (S)');
    assert.match(await complaint.inputValue(), /^Revisión de/);
    await complaint.fill('Revisión de tos persistente');
    await page.getByTestId('add-allergy').click();
    const allergy = page.getByTestId('allergy-row').first();
    await allergy.getByLabel('Sustancia').fill('Penicilina');
    await allergy.getByLabel('Reacción').fill('Urticaria');
    await allergy.getByLabel('Gravedad').selectOption('severe');
    await page.getByTestId('save-record').click();
    await page.getByTestId('chart-notice').filter({ hasText: 'Borrador guardado' }).waitFor();
    const entry = page.locator('[data-status="draft"]').first();
    await entry.waitFor();
    recordId = (await entry.getAttribute('data-testid')).replace('record-', '');
    assert.match(await entry.innerText(), /Revisión de tos persistente/);
  });

  await check('doctor1 signs the record after confirming, and the allergy shows in the header', async () => {
    const entry = page.getByTestId(`record-${recordId}`);
    await entry.getByTestId('sign-record').click();
    await entry.getByTestId('confirm-sign').click();
    await page.getByTestId('chart-notice').filter({ hasText: 'Registro firmado' }).waitFor();
    await page.locator(`[data-testid="record-${recordId}"][data-status="signed"]`).waitFor();
    await page.getByTestId('allergy-badges').filter({ hasText: 'Penicilina' }).waitFor();
  });

  await check('editing the signed record is refused and an addendum is offered', async () => {
    const entry = page.getByTestId(`record-${recordId}`);
    await entry.getByTestId('edit-record').click();
    await page.getByLabel('Plan (P)').fill('Cambio no permitido');
    await page.getByTestId('save-record').click();
    await entry.getByTestId('record-locked').waitFor();
    await entry.getByTestId('addendum-text').waitFor();
    assert.doesNotMatch(await entry.innerText(), /Cambio no permitido/);
  });

  await check('doctor1 adds an addendum and the record shows as amended', async () => {
    const entry = page.getByTestId(`record-${recordId}`);
    await entry.getByTestId('addendum-text').fill('Mejoría clara a las 48 horas.');
    await entry.getByTestId('save-addendum').click();
    await page.locator(`[data-testid="record-${recordId}"][data-status="amended"]`).waitFor();
    await page.getByTestId(`record-${recordId}`).getByTestId('addendum')
      .filter({ hasText: 'Mejoría clara a las 48 horas.' }).waitFor();
    await screenshot(page, 'clinical-history');
  });

  await check('doctor2 cannot open that patient: the not-found page', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(page, 'doctor2@telemed.local', '/doctor');
    await page.goto(`${BASE_URL}${patientPath}`, { waitUntil: 'load' });
    await page.getByTestId('patient-not-found').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Paciente no encontrado' }).waitFor();
    assert.equal(await page.getByText('Mejoría clara').count(), 0);
  });
});
