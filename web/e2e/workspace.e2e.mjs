// Browser test of the doctor's workspace (one scenario of `npm run test:e2e`; see harness.mjs): doctor1 walks every
// page (dashboard, consultations, agenda, new consultation, patients), blocks a slot in the agenda and the public
// booking page stops offering it at once, books a consultation at the clinic for the demo patient and one paid online
// for a new patient (who pays through the emailed link), cancels a consultation paid online and the patient gets the
// refund email; doctor2 never sees doctor1's data; the pages work at 390 px as on a desktop. Needs the local-mode demo accounts (make dev, with-platform.sh).
import assert from 'node:assert/strict';
import { BASE_URL as GATEWAY, apiCall, check, mailbox, runScenario, screenshot, uniqueEmail } from './harness.mjs';

// The checkout only returns to the public origin (see payment.e2e.mjs).
const BASE_URL = (process.env.PUBLIC_URL || GATEWAY.replace('://127.0.0.1:', '://localhost:')).replace(/\/+$/, '');
const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Telemed-Demo-2026!';
const DEMO_PATIENT = 'Ana García López';
const REFUND = /^(Reembolso de|Refund of)/;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function signIn(page, email, next) {
  await page.evaluate(() => sessionStorage.clear()).catch(() => undefined);
  await page.goto(`${BASE_URL}/login?next=${encodeURIComponent(next)}`, { waitUntil: 'load' });
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((url) => url.pathname === next, { timeout: 20_000 });
}

/** The session's access token (for API calls in the doctor's name), read from the tab. */
const tokenOf = (page) =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('telemed.session') ?? '{}').access_token);

/** doctor1 as the public directory shows them (Medicina general, with free slots). */
async function doctor1() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { body } = await apiCall('GET', '/api/v1/consultations/public/doctors', { expect: 200 });
    const doctor = body.find((d) => d.specialty === 'Medicina general' && d.next_slots.length > 0);
    if (doctor) return doctor;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('doctor1 is not bookable');
}

const publicSlots = async (doctorId, from, to) =>
  (await apiCall('GET', `/api/v1/consultations/public/doctors/${doctorId}/slots?from=${from}&to=${to}`, { expect: 200 }))
    .body.slots.map((s) => s.starts_at);

/** Nothing sticks out sideways: the page fits the viewport's width. */
async function fitsWidth(page, label) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width + 1, `${label}: ${scroll}px wide in a ${width}px viewport`);
}

/** Wall-clock parts of an instant in a zone, as the agenda's datetime-local inputs take them. */
function localInput(iso, timeZone) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

await runScenario(async (page) => {
  let doctor;
  let paidId;
  let clinicId;
  let blocked;
  const patientEmail = uniqueEmail('refund');

  await check('doctor1 is bookable and a patient pays a consultation online', async () => {
    doctor = await doctor1();
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 9 * 86_400_000).toISOString();
    const slots = await publicSlots(doctor.id, from, to);
    assert.ok(slots.length > 3, 'free slots next week');
    const { body } = await apiCall('POST', '/api/v1/consultations/public/book', {
      expect: 201,
      body: {
        doctor_id: doctor.id, scheduled_at: slots[slots.length - 1], full_name: 'Paciente Reembolso',
        email: patientEmail, phone: '+34 600 000 111', reason_for_visit: 'Revisión', locale: 'es',
        timezone: 'Europe/Madrid',
      },
    });
    paidId = body.consultation_id;
    const session = await apiCall('POST', '/api/v1/payments/checkout-session', {
      body: {
        consultation_id: paidId, checkout_token: body.next_step.checkout_token,
        success_url: `${BASE_URL}/reserva/pago/exito`,
        cancel_url: `${BASE_URL}/reserva/pago/cancelado`,
      },
    });
    assert.ok(session.status >= 200 && session.status < 300, `checkout: HTTP ${session.status} ${JSON.stringify(session.body)}`);
    const checkoutUrl = session.body.checkout_url;
    await page.goto(new URL(checkoutUrl, BASE_URL).toString().replace('://127.0.0.1:', '://localhost:'), { waitUntil: 'load' });
    // The sandbox sends the signed webhook before it redirects: on a loaded machine that takes a while.
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/reserva/pago/exito', { timeout: 60_000 }),
      page.getByRole('button', { name: /^(Pagar|Pay)\b/ }).click({ noWaitAfter: true }),
    ]);
    await page.locator('[data-testid="payment-result"][data-state="confirmed"]').waitFor({ timeout: 30_000 });
  });

  await check('doctor1 sees the day on /doctor: counts, lists, drafts and earnings', async () => {
    await signIn(page, 'doctor1@telemed.local', '/doctor');
    await page.getByTestId('doctor-dashboard').waitFor({ timeout: 20_000 });
    await page.getByTestId('doctor-nav').waitFor();
    assert.match(await page.getByTestId('dashboard-counts').innerText(), /próximas confirmadas/);
    await page.getByRole('heading', { name: 'Registros en borrador' }).waitFor();
    await page.getByRole('heading', { name: 'Ingresos de esta semana' }).waitFor();
    await screenshot(page, 'workspace-dashboard');
  });

  await check('the consultations list filters by status and opens the paid consultation', async () => {
    await page.getByTestId('doctor-nav').getByRole('link', { name: 'Consultas' }).click();
    await page.waitForURL((url) => url.pathname === '/doctor/consultations');
    await page.getByLabel('Estado').selectOption('confirmed');
    await page.getByLabel('Orden').selectOption('upcoming');
    await page.getByRole('button', { name: 'Aplicar' }).click();
    // The filtered page replaces the unfiltered one: wait until every row is a confirmed consultation.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="doctor-consultations"] tbody tr')];
      return rows.length > 0 && rows.every((r) => /Confirmada/.test(r.textContent ?? ''));
    }, undefined, { timeout: 15_000 });
    await page.getByTestId(`open-consultation-${paidId}`).waitFor();
    await page.getByTestId(`open-consultation-${paidId}`).click();
    await page.waitForURL((url) => url.pathname === `/doctor/consultations/${paidId}`);
    assert.match(await page.getByTestId('consultation-payment').innerText(), /Pagada en línea/);
    assert.equal(await page.locator('[data-slot="video-controls"]').count(), 1);
    assert.equal(await page.locator('[data-slot="pdf-buttons"]').count(), 1);
  });

  await check('doctor1 cancels it with a reason and the patient gets the refund email', async () => {
    await page.getByLabel('Motivo (lo verá solo el personal)').fill('Indisposición del médico');
    await page.getByTestId('cancel-consultation').click();
    await page.getByTestId('consultation-status').filter({ hasText: 'Cancelada' }).waitFor();
    let refunds = [];
    for (let waited = 0; refunds.length === 0 && waited < 45_000; waited += 1000) {
      refunds = (await mailbox(patientEmail, { atLeast: 1, timeoutMs: 30_000 })).filter((m) => REFUND.test(m.subject));
      if (refunds.length === 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    assert.equal(refunds.length, 1, 'one refund email');
    // The doctor's words stay out of the patient's emails and events.
    assert.doesNotMatch(JSON.stringify(await mailbox(patientEmail)), /Indisposición/);
  });

  await check('a block in the agenda removes those slots from the public booking page at once', async () => {
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 9 * 86_400_000).toISOString();
    const before = await publicSlots(doctor.id, from, to);
    blocked = before[0];
    await page.getByTestId('doctor-nav').getByRole('link', { name: 'Agenda' }).click();
    await page.waitForURL((url) => url.pathname === '/doctor/agenda');
    await page.getByTestId('agenda-week').waitFor();
    const zone = (await page.getByTestId('agenda-zone').innerText()).replace(/^.* en /, '').trim();
    const end = new Date(Date.parse(blocked) + 60 * 60_000).toISOString();
    await page.getByLabel('Desde', { exact: true }).fill(localInput(blocked, zone));
    await page.getByLabel('Hasta', { exact: true }).fill(localInput(end, zone));
    await page.getByLabel('Motivo', { exact: true }).fill('Mañana libre E2E');
    await page.getByRole('button', { name: 'Bloquear' }).click();
    await page.getByTestId('blocks').filter({ hasText: 'Mañana libre E2E' }).waitFor();
    const after = await publicSlots(doctor.id, from, to);
    assert.ok(!after.includes(blocked), 'the blocked slot is no longer offered');
    await screenshot(page, 'workspace-agenda');
  });

  await check('doctor1 books the demo patient at the clinic from /doctor/new-consultation', async () => {
    await page.getByTestId('doctor-nav').getByRole('link', { name: 'Nueva consulta' }).click();
    await page.waitForURL((url) => url.pathname === '/doctor/new-consultation');
    const patient = page.getByLabel('Elige paciente');
    await patient.locator('option', { hasText: DEMO_PATIENT }).first().waitFor({ state: 'attached' });
    const value = await patient.locator('option', { hasText: DEMO_PATIENT }).first().getAttribute('value');
    await patient.selectOption(value);
    const slot = page.getByLabel('Hueco', { exact: true });
    await slot.locator('option').nth(1).waitFor({ state: 'attached' });
    await slot.selectOption({ index: 1 });
    await page.getByLabel('Pago').selectOption('clinic');
    await page.getByLabel('Motivo de la consulta').fill('Control');
    await page.getByRole('button', { name: 'Reservar' }).click();
    const done = await page.getByTestId('new-consultation-done').innerText();
    clinicId = Number(done.replace(/\D/g, ''));
    assert.ok(clinicId > 0);
    await page.getByTestId('open-new-consultation').click();
    await page.getByTestId('consultation-status').filter({ hasText: 'Confirmada' }).waitFor();
    assert.match(await page.getByTestId('consultation-payment').innerText(), /Se paga en la clínica/);
    assert.match(await page.getByTestId('consultation-patient').innerText(), new RegExp(DEMO_PATIENT));
  });

  await check('a new patient booked online gets the payment link by email, and paying it confirms', async () => {
    const newPatient = uniqueEmail('paylink');
    await page.goto(`${BASE_URL}/doctor/new-consultation`, { waitUntil: 'load' });
    await page.getByTestId('new-consultation-form').waitFor();
    await page.getByLabel('Paciente nuevo').check();
    await page.getByLabel('Nombre completo').fill('Paciente Enlace');
    await page.getByLabel('Correo electrónico').fill(newPatient);
    await page.getByLabel('Teléfono').fill('+34 600 000 222');
    const slot = page.getByLabel('Hueco', { exact: true });
    await slot.locator('option').nth(2).waitFor({ state: 'attached' });
    await slot.selectOption({ index: 2 });
    await page.getByLabel('Pago').selectOption('online');
    await page.getByRole('button', { name: 'Reservar' }).click();
    const done = await page.getByTestId('new-consultation-done').innerText();
    const id = Number(done.replace(/\D/g, ''));
    const [message] = (await mailbox(newPatient, { atLeast: 1, timeoutMs: 30_000 }))
      .filter((m) => /^(Completa el pago|Complete the payment)/.test(m.subject));
    assert.ok(message, 'the payment-link email');
    const link = message.links.find((l) => l.includes('/reserva/pagar'));
    assert.ok(link.includes(`consulta=${id}`));
    await page.goto(link.replace('://127.0.0.1:', '://localhost:'), { waitUntil: 'load' });
    await Promise.all([page.waitForURL(/\/dev\/checkout\//, { timeout: 30_000 }), page.getByTestId('pay-link').click()]);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/reserva/pago/exito', { timeout: 60_000 }),
      page.getByRole('button', { name: /^(Pagar|Pay)\b/ }).click({ noWaitAfter: true }),
    ]);
    await page.locator('[data-testid="payment-result"][data-state="confirmed"]').waitFor({ timeout: 30_000 });
  });

  await check('the patients page searches by name across pages and opens the history', async () => {
    await page.goto(`${BASE_URL}/doctor`, { waitUntil: 'load' });
    await page.getByTestId('doctor-nav').getByRole('link', { name: 'Pacientes' }).click();
    await page.waitForURL((url) => url.pathname === '/doctor/patients');
    await page.getByLabel('Buscar por nombre').fill('garcia');
    await page.getByRole('button', { name: 'Buscar' }).click();
    // The search answer replaces the whole list: only the demo patient is left (the new patient does not match).
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="patients"] tbody tr')];
      return rows.length === 1 && /García/.test(rows[0].textContent ?? '');
    }, undefined, { timeout: 15_000 });
  });

  await check('every workspace page fits a 390 px phone and a desktop', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      for (const path of ['/doctor', '/doctor/consultations', `/doctor/consultations/${clinicId}`, '/doctor/agenda',
        '/doctor/new-consultation', '/doctor/patients']) {
        await page.goto(`${BASE_URL}${path}`, { waitUntil: 'load' });
        await page.getByTestId('doctor-nav').waitFor().catch(() => {
          throw new Error(`${path} at ${viewport.width}px: no navigation`);
        });
        await page.locator('h1').first().waitFor();
        await fitsWidth(page, `${path} at ${viewport.width}px`);
      }
      if (viewport === PHONE) await screenshot(page, 'workspace-phone');
    }
  });

  await check("doctor2 never sees doctor1's consultations or patients", async () => {
    await signIn(page, 'doctor2@telemed.local', '/doctor');
    await page.getByTestId('doctor-dashboard').waitFor({ timeout: 20_000 });
    assert.doesNotMatch(await page.getByTestId('doctor-dashboard').innerText(), new RegExp(DEMO_PATIENT));
    for (const id of [paidId, clinicId]) {
      await page.goto(`${BASE_URL}/doctor/consultations/${id}`, { waitUntil: 'load' });
      await page.getByTestId('consultation-not-found').waitFor();
    }
    await page.goto(`${BASE_URL}/doctor/patients`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Mis pacientes' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.doesNotMatch(await page.locator('main, section').first().innerText(), new RegExp(DEMO_PATIENT));
    const token = await tokenOf(page);
    const list = await apiCall('GET', '/api/v1/doctor/consultations?size=100', { token, expect: 200 });
    assert.ok(list.body.items.every((c) => c.id !== paidId && c.id !== clinicId));
    await apiCall('GET', `/api/v1/doctor/consultations/${clinicId}`, { token, expect: 404 });
  });
});
