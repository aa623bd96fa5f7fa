// Browser test of the core flow with payment: a patient books at /reserva, pays on the checkout (the sandbox
// checkout of local mode, /dev/checkout/<session>), comes back to /reserva/pago/exito and sees the consultation
// confirmed; the confirmation reaches the patient once and the doctor's notice the doctor; the manage link and the
// login link of the emails open the consultation. A second booking fails on the checkout, then is cancelled, and
// the cancel page offers to pay again. The demo doctor then finds the payment on /doctor/payments and the demo
// admin on /admin/payments. Needs the local-mode demo accounts (make dev, with-platform.sh).
import assert from 'node:assert/strict';
import { BASE_URL as GATEWAY, apiCall, check, mailbox, runScenario, screenshot, uniqueEmail } from './harness.mjs';

// The checkout only returns to the site's public origin (TELEMED_PUBLIC_URL; the devstack's is
// http://localhost:<gateway port>), so the browser visits the site there rather than at 127.0.0.1.
const BASE_URL = (process.env.PUBLIC_URL || GATEWAY.replace('://127.0.0.1:', '://localhost:')).replace(/\/+$/, '');

const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Telemed-Demo-2026!';
const DEMO_DOCTOR = { email: 'doctor1@telemed.local', specialty: 'Medicina general' };
const CONFIRMATION = /^(Consulta confirmada|Consultation confirmed)/;
const LOGIN_LINK = /^(Tu enlace de acceso a Telemed|Your Telemed sign-in link)/;
const NEW_CONSULTATION = /^(Nueva consulta|New consultation)/;
const PAYMENT_FAILED = /^(No hemos podido cobrar tu consulta|We could not take payment)/;
const SANDBOX = /\/dev\/checkout\/[^/?#]+/;

/** The demo doctor of the specialty, once the directory offers a free slot of theirs. */
async function demoDoctor() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { body } = await apiCall('GET', '/api/v1/consultations/public/doctors', { expect: 200 });
    const doctor = body.find((d) => d.specialty === DEMO_DOCTOR.specialty && d.next_slots.length > 0);
    if (doctor) return doctor;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`no bookable doctor of ${DEMO_DOCTOR.specialty} in the directory`);
}

/** From /reserva to the payment step of the doctor's first free slot, booked for `email`. */
async function bookFirstSlot(page, doctor, email) {
  await page.goto(`${BASE_URL}/reserva`, { waitUntil: 'load' });
  await page.getByTestId('booking-specialty').filter({ hasText: doctor.specialty }).first().click();
  await page.locator(`[data-testid="booking-doctor"][data-doctor-id="${doctor.id}"]`).click();
  const days = page.getByTestId('booking-day');
  const count = await days.count();
  let picked = false;
  for (let i = 0; i < count && !picked; i++) {
    await days.nth(i).click();
    const slots = page.getByTestId('booking-slot');
    await Promise.race([slots.first().waitFor(), page.getByText(/No quedan horas libres/).waitFor()]);
    if ((await slots.count()) > 0) {
      await slots.first().click();
      picked = true;
    }
  }
  assert.ok(picked, 'a free slot in the next days');
  await page.getByLabel('Nombre y apellidos').fill('Paciente Pago E2E');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Teléfono').fill('+34 600 000 000');
  await page.getByRole('button', { name: 'Reservar y continuar al pago' }).click();
  await page.getByTestId('booking-payment').waitFor();
  const idText = await page.getByTestId('booking-consultation-id').innerText();
  const consultationId = Number(idText.replace(/\D/g, ''));
  assert.ok(consultationId > 0, `consultation id in "${idText}"`);
  return consultationId;
}

/** Clicks the payment step's button and lands on the sandbox checkout; answers the checkout session id. */
async function openCheckout(page) {
  await page.getByRole('button', { name: 'Continuar al pago' }).click();
  await page.waitForURL(SANDBOX);
  const [, sessionId] = /\/dev\/checkout\/([^/?#]+)/.exec(page.url());
  return decodeURIComponent(sessionId);
}

const sessionStatus = (sessionId) =>
  apiCall('GET', `/api/v1/payments/checkout-session/${encodeURIComponent(sessionId)}`, { expect: 200 }).then((r) => r.body);

const linkIn = (message, pathPart) => message.links.find((l) => l.includes(pathPart));

/** Signs in on the login page and waits for `next`. */
async function signIn(page, email, next) {
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${BASE_URL}/login?next=${encodeURIComponent(next)}`, { waitUntil: 'load' });
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((url) => url.pathname === next, { timeout: 20_000 });
}

await runScenario(async (page) => {
  const startedAt = new Date().toISOString();
  const patient = uniqueEmail('paid');
  const second = uniqueEmail('unpaid');
  let doctor;
  let paid;
  let sessionId;
  let confirmation;

  await check('a demo doctor is bookable', async () => {
    doctor = await demoDoctor();
  });
  if (!doctor) return;

  await check('a patient books at /reserva and the payment step opens the sandbox checkout', async () => {
    paid = await bookFirstSlot(page, doctor, patient);
    sessionId = await openCheckout(page);
    assert.match(sessionId, /^cs_/);
    await page.getByRole('button', { name: /^(Pagar|Pay)\b/ }).waitFor();
    await screenshot(page, 'payment-sandbox');
    const status = await sessionStatus(sessionId);
    assert.equal(status.consultation_id, paid);
    assert.equal(status.consultation_status, 'pending_payment');
  });

  await check('paying on the checkout comes back to /reserva/pago/exito, which shows the consultation confirmed', async () => {
    await page.getByRole('button', { name: /^(Pagar|Pay)\b/ }).click();
    await page.waitForURL((url) => url.pathname === '/reserva/pago/exito' && url.searchParams.get('session_id') === sessionId);
    await page.locator('[data-testid="payment-result"][data-state="confirmed"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('payment-result-title').innerText(), 'Consulta confirmada');
    assert.match(await page.getByTestId('payment-result').innerText(), /Te hemos enviado un correo con el enlace/);
    assert.equal((await page.getByTestId('payment-consultation-id').innerText()).replace(/\D/g, ''), String(paid));
    assert.equal((await page.getByTestId('payment-amount').innerText()).replace(/\s/g, ' '),
      new Intl.NumberFormat('es-ES', { style: 'currency', currency: doctor.currency.toUpperCase() })
        .format(doctor.consultation_fee / 100).replace(/\s/g, ' '));
    await screenshot(page, 'payment-confirmed');
    const status = await sessionStatus(sessionId);
    assert.equal(status.payment_status, 'succeeded');
    assert.equal(status.consultation_status, 'confirmed');
  });

  await check('the patient gets the confirmation email exactly once, with the manage link', async () => {
    const messages = await mailbox(patient, { atLeast: 1, timeoutMs: 30_000 });
    let confirmations = messages.filter((m) => CONFIRMATION.test(m.subject));
    for (let waited = 0; confirmations.length === 0 && waited < 30_000; waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      confirmations = (await mailbox(patient)).filter((m) => CONFIRMATION.test(m.subject));
    }
    // A second copy (an event applied twice) would arrive within moments of the first.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    confirmations = (await mailbox(patient)).filter((m) => CONFIRMATION.test(m.subject));
    assert.equal(confirmations.length, 1, `confirmations: ${confirmations.map((m) => m.subject).join(' | ')}`);
    confirmation = confirmations[0];
    assert.ok(linkIn(confirmation, `/reserva/gestionar?id=${paid}&token=`), `manage link in ${confirmation.links}`);
  });

  await check("the doctor's mailbox has the new-consultation notice", async () => {
    const deadline = Date.now() + 30_000;
    let notices = [];
    while (notices.length === 0 && Date.now() < deadline) {
      notices = (await mailbox(DEMO_DOCTOR.email).catch(() => []))
        .filter((m) => NEW_CONSULTATION.test(m.subject) && Date.parse(m.created_at) >= Date.parse(startedAt) - 1000);
      if (notices.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.equal(notices.length, 1, 'one notice for the one confirmed consultation');
    assert.ok(notices[0].links.some((l) => l.includes('/doctor')), 'link to the doctor home');
  });

  await check("the email's manage link shows the consultation confirmed", async () => {
    assert.ok(confirmation, 'confirmation email');
    const link = new URL(linkIn(confirmation, '/reserva/gestionar'));
    await page.goto(`${BASE_URL}${link.pathname}${link.search}`, { waitUntil: 'load' });
    const status = page.getByTestId('manage-status');
    await status.waitFor();
    assert.equal(await status.innerText(), 'Confirmada');
    await screenshot(page, 'payment-manage');
  });

  await check("the patient's login link opens /mis-consultas with the consultation", async () => {
    const deadline = Date.now() + 30_000;
    let message;
    while (!message && Date.now() < deadline) {
      message = (await mailbox(patient)).find((m) => LOGIN_LINK.test(m.subject));
      if (!message) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.ok(message, 'login link email');
    const link = new URL(linkIn(message, '/acceso?token='));
    await page.goto(`${BASE_URL}${link.pathname}${link.search}`, { waitUntil: 'load' });
    await page.waitForURL((url) => url.pathname === '/mis-consultas');
    const mine = page.getByTestId('my-consultation');
    await mine.first().waitFor();
    assert.equal(await mine.count(), 1);
    assert.match(await mine.first().innerText(), /Confirmada/);
    await screenshot(page, 'payment-my-consultations');
    await page.evaluate(() => sessionStorage.clear());
  });

  let unpaid;
  let failedSession;
  await check('a failed payment on the checkout is told there and confirms nothing', async () => {
    unpaid = await bookFirstSlot(page, doctor, second);
    assert.notEqual(unpaid, paid);
    failedSession = await openCheckout(page);
    await page.getByRole('button', { name: /Simular pago rechazado|Fail/ }).click();
    await page.waitForURL(SANDBOX);
    await page.getByRole('button', { name: /^(Pagar|Pay)\b/ }).waitFor();
    assert.match(await page.locator('body').innerText(), /fallo|rechaz|no se ha podido|failed|declined/i);
    await screenshot(page, 'payment-sandbox-failed');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const status = await sessionStatus(failedSession);
    assert.equal(status.consultation_id, unpaid);
    assert.notEqual(status.payment_status, 'succeeded');
    assert.equal(status.consultation_status, 'pending_payment');
  });

  await check('the failed payment is told to the patient by email', async () => {
    const deadline = Date.now() + 30_000;
    let failed = [];
    while (failed.length === 0 && Date.now() < deadline) {
      failed = (await mailbox(second)).filter((m) => PAYMENT_FAILED.test(m.subject));
      if (failed.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.equal(failed.length, 1);
    assert.equal((await mailbox(second)).filter((m) => CONFIRMATION.test(m.subject)).length, 0, 'no confirmation');
  });

  await check('cancelling the checkout lands on /reserva/pago/cancelado, which offers to pay again', async () => {
    await page.getByRole('button', { name: /^(Cancelar|Cancel)\b/ }).click();
    await page.waitForURL((url) => url.pathname === '/reserva/pago/cancelado' && url.searchParams.get('session_id') === failedSession);
    await page.getByRole('heading', { level: 1, name: 'Pago no completado' }).waitFor();
    const again = page.getByTestId('payment-pay-again');
    await again.waitFor();
    assert.match(await again.innerText(), /Quedan \d+ min \d{2} s para pagar/);
    await screenshot(page, 'payment-cancelled');
    await page.getByRole('button', { name: 'Pagar ahora' }).click();
    await page.waitForURL(SANDBOX);
    await page.getByRole('button', { name: /^(Pagar|Pay)\b/ }).waitFor();
    const status = await sessionStatus(failedSession);
    assert.equal(status.consultation_status, 'pending_payment');
  });

  await check('the doctor signs in and finds the paid consultation on /doctor/payments', async () => {
    await signIn(page, DEMO_DOCTOR.email, '/doctor');
    await page.getByRole('link', { name: 'Cobros', exact: true }).first().click(); // the workspace navigation
    await page.waitForURL((url) => url.pathname === '/doctor/payments');
    const row = page.locator(`[data-testid="payment-row"][data-consultation-id="${paid}"]`);
    await row.waitFor();
    const fee = new Intl.NumberFormat('es-ES', { style: 'currency', currency: doctor.currency.toUpperCase() })
      .format(doctor.consultation_fee / 100).replace(/\s/g, ' ');
    assert.ok((await row.innerText()).replace(/\s/g, ' ').includes(fee), `${fee} in the row`);
    assert.equal(await row.getByTestId('payment-status').getAttribute('data-status'), 'succeeded');
    assert.equal(await page.locator(`[data-testid="payment-row"][data-consultation-id="${unpaid}"]`).count(), 0,
      'the unpaid consultation is not a payment received');
    await page.getByTestId('payment-totals').waitFor();
    await page.getByTestId('period-day').click();
    await page.getByTestId('payment-totals').waitFor();
    await screenshot(page, 'payment-doctor');
  });

  await check('the admin finds the payment on /admin/payments', async () => {
    await signIn(page, 'admin@telemed.local', '/admin');
    await page.getByRole('link', { name: 'Pagos' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/payments');
    const row = page.locator(`[data-testid="admin-payment-row"][data-consultation-id="${paid}"]`);
    await row.waitFor();
    assert.equal(await row.getByTestId('payment-status').getAttribute('data-status'), 'succeeded');
    await row.getByRole('button', { name: 'Reembolsar' }).waitFor();
    await page.getByLabel('N.º de consulta').fill(String(paid));
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="admin-payment-row"]').length === 1,
    );
    await screenshot(page, 'payment-admin');
  });

  await check('the admin refunds part of the payment through the confirm dialog', async () => {
    const row = page.locator(`[data-testid="admin-payment-row"][data-consultation-id="${paid}"]`);
    await row.getByRole('button', { name: 'Reembolsar' }).click();
    const dialog = page.getByTestId('refund-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Importe (vacío = todo lo que queda)').fill('9999');
    await dialog.getByLabel('Motivo').fill('Prueba de reembolso parcial');
    await dialog.getByRole('button', { name: 'Confirmar el reembolso' }).click();
    await dialog.getByText('El importe supera lo que queda por reembolsar.').waitFor();
    await dialog.getByLabel('Importe (vacío = todo lo que queda)').fill('10');
    await dialog.getByRole('button', { name: 'Confirmar el reembolso' }).click();
    await page.getByText('Reembolso solicitado.').waitFor();
    const deadline = Date.now() + 30_000;
    let status;
    while (Date.now() < deadline) {
      await page.getByRole('button', { name: 'Filtrar' }).click();
      await row.waitFor();
      status = await row.getByTestId('payment-status').getAttribute('data-status');
      if (status === 'partially_refunded') break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    assert.equal(status, 'partially_refunded');
    assert.match((await row.innerText()).replace(/\s/g, ' '), /10,00 €/);
    await screenshot(page, 'payment-admin-refunded');
  });
});
