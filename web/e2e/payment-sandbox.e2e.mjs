// The payment step against the embedded sandbox checkout (local mode, no Stripe key), through the gateway: a
// booking's checkout token opens a checkout, the sandbox page pays it, its signed events reach the webhook, and the
// consultation ends up confirmed with the patient's confirmation email sent.
import assert from 'node:assert/strict';
import { BASE_URL, apiCall, check, mailbox, runScenario, screenshot, uniqueEmail } from './harness.mjs';

// Return URLs must be on the public origin (TELEMED_PUBLIC_URL uses localhost).
const ORIGIN = BASE_URL.replace('127.0.0.1', 'localhost');

async function bookFirstFreeSlot(email) {
  const listed = await apiCall('GET', '/api/v1/consultations/public/doctors', { expect: 200 });
  const doctor = listed.body.find((d) => d.next_slots.length > 0);
  assert.ok(doctor, 'a bookable demo doctor');
  for (const slot of doctor.next_slots) {
    const startsAt = slot.starts_at ?? slot;
    const booked = await apiCall('POST', '/api/v1/consultations/public/book', {
      body: {
        doctor_id: doctor.id, specialty: doctor.specialty, scheduled_at: startsAt, full_name: 'Paciente Pago',
        email, phone: '+34 600 222 333', reason_for_visit: '', locale: 'es', timezone: 'Europe/Madrid',
      },
    });
    if (booked.status === 201) return booked.body;
  }
  throw new Error('no slot could be booked');
}

async function checkoutStatus(sessionId, wanted) {
  const deadline = Date.now() + 30_000;
  let last;
  while (Date.now() < deadline) {
    last = await apiCall('GET', `/api/v1/payments/checkout-session/${sessionId}`, { expect: 200 });
    if (wanted(last.body)) return last.body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`checkout status never as wanted: ${JSON.stringify(last?.body)}`);
}

await runScenario(async (page) => {
  const email = uniqueEmail('pay');
  let booking;
  let checkout;

  await check('a booking opens a sandbox checkout with its checkout token, and not without it', async () => {
    booking = await bookFirstFreeSlot(email);
    const consultationId = booking.consultation_id ?? booking.id;
    const token = booking.next_step?.checkout_token;
    assert.ok(token, 'the booking answer carries next_step.checkout_token');
    const request = { consultation_id: consultationId, success_url: `${ORIGIN}/reserva?pago=ok`, cancel_url: `${ORIGIN}/reserva?pago=cancelado` };
    await apiCall('POST', '/api/v1/payments/checkout-session', { body: request, expect: 401 });
    const opened = await apiCall('POST', '/api/v1/payments/checkout-session', { body: { ...request, checkout_token: token } });
    assert.ok([200, 201].includes(opened.status), `checkout answered ${opened.status}`);
    checkout = opened.body;
    assert.match(checkout.session_id, /^cs_test_sandbox_/);
    assert.equal(checkout.checkout_url, `${ORIGIN}/dev/checkout/${checkout.session_id}`);
  });
  if (!checkout) return;

  await check('paying on the sandbox page returns to the success URL with the session id', async () => {
    await page.goto(checkout.checkout_url.replace('localhost', '127.0.0.1'), { waitUntil: 'load' });
    await page.getByRole('heading', { name: /Pago de prueba/ }).waitFor();
    await screenshot(page, 'payment-sandbox');
    await Promise.all([
      page.waitForURL(/pago=ok/),
      page.getByRole('button', { name: 'Pagar' }).click(),
    ]);
    assert.ok(page.url().includes(`session_id=${checkout.session_id}`), page.url());
  });

  await check('the payment is confirmed and the consultation with it', async () => {
    const status = await checkoutStatus(checkout.session_id,
      (s) => s.payment_status === 'succeeded' && s.consultation_status === 'confirmed');
    assert.equal(status.amount > 0, true);
    assert.equal(JSON.stringify(status).includes(email), false, 'no patient data in the status');
    const messages = await mailbox(email, { atLeast: 1, timeoutMs: 30_000 });
    assert.ok(messages.some((m) => m.links.some((l) => l.includes('/reserva/gestionar'))), 'a confirmation with the manage link');
  });
});
