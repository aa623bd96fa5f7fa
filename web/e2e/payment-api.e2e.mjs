// The payment API through the gateway, as Stripe and the web use it (no browser): who may open a checkout, signed
// webhooks delivered several times, forged or stale ones, a failed payment, and refunds when a paid consultation is
// cancelled by the patient (well ahead of time) or by an admin. Stripe's events are built and signed here with the
// platform's webhook secret, exactly as Stripe signs them (t=<ts>,v1=HMAC-SHA256(secret, "<ts>.<body>")).
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { apiCall, BASE_URL, check, mailbox, REGISTRATION_TOKEN, runScenario, uniqueEmail } from './harness.mjs';

const WEBHOOK_SECRET = process.env.STRIPE_WEBHOOK_SECRET || 'whsec_telemed_dev';
const ADMIN = { email: 'admin@telemed.local', password: process.env.DEMO_PASSWORD || 'Telemed-Demo-2026!' };
const problemType = (response) => String(response.body?.type ?? '').split('/').pop();

/** A doctor registered for this run (so their mailbox is ours to read), once the directory offers slots. */
async function registeredDoctor() {
  const email = uniqueEmail('pay-doctor');
  const specialty = `Pagos E2E ${Date.now()}`;
  await apiCall('POST', '/api/v1/auth/register-medical-professional', {
    body: { email, full_name: 'Dra. Pagos Prueba', license_number: `PAY-${Date.now()}`, specialty,
      registration_token: REGISTRATION_TOKEN },
    expect: 201,
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { body } = await apiCall('GET', `/api/v1/consultations/public/doctors?specialty=${encodeURIComponent(specialty)}`,
      { expect: 200 });
    if (body.length > 0 && body[0].next_slots.length > 0) return { ...body[0], email };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the registered doctor never appeared in the directory');
}

/** Free slots at least two days ahead, so a patient's cancellation is outside the 24 h refund window. */
async function slotsFarAhead(doctor) {
  const from = new Date(Date.now() + 2 * 86400_000);
  const to = new Date(from.getTime() + 20 * 86400_000);
  const { body } = await apiCall('GET',
    `/api/v1/consultations/public/doctors/${doctor.id}/slots?from=${from.toISOString()}&to=${to.toISOString()}`,
    { expect: 200 });
  assert.ok(body.slots.length >= 6, `free slots of the doctor: ${body.slots.length}`);
  return body.slots.map((s) => s.starts_at);
}

async function book(doctor, scheduledAt, email) {
  const { body } = await apiCall('POST', '/api/v1/consultations/public/book', {
    body: { doctor_id: doctor.id, scheduled_at: scheduledAt, full_name: 'Paciente Pagos', email,
      phone: '+34 600 000 001', locale: 'es', timezone: 'Europe/Madrid' },
    expect: 201,
  });
  return body;
}

const returnUrls = { success_url: `${BASE_URL}/reserva/pago/exito`, cancel_url: `${BASE_URL}/reserva/pago/cancelado` };

async function checkout(booking) {
  const response = await apiCall('POST', '/api/v1/payments/checkout-session', {
    body: { consultation_id: booking.consultation_id, checkout_token: booking.next_step.checkout_token, ...returnUrls },
  });
  assert.ok([200, 201].includes(response.status), `checkout: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const status = (sessionId) =>
  apiCall('GET', `/api/v1/payments/checkout-session/${encodeURIComponent(sessionId)}`, { expect: 200 }).then((r) => r.body);

async function until(what, sessionId, predicate, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await status(sessionId);
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

function signedEvent(type, object, { secret = WEBHOOK_SECRET, at = new Date(), id = `evt_e2e_${randomUUID()}` } = {}) {
  const created = Math.floor(at.getTime() / 1000);
  const body = JSON.stringify({ id, object: 'event', type, created, livemode: false, data: { object } });
  const v1 = createHmac('sha256', secret).update(`${created}.${body}`).digest('hex');
  return { id, body, signature: `t=${created},v1=${v1}` };
}

function completion(booking, session, options) {
  return signedEvent('checkout.session.completed', {
    id: session.session_id, object: 'checkout.session', status: 'complete', payment_status: 'paid',
    amount_total: booking.amount, currency: booking.currency, payment_intent: `pi_e2e_${randomUUID().slice(0, 8)}`,
    metadata: { consultation_id: String(booking.consultation_id) },
  }, options);
}

async function deliver(event) {
  const response = await fetch(`${BASE_URL}/api/v1/payments/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': event.signature },
    body: event.body,
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/**
 * Pays on the sandbox checkout (its Pay button posts here): the sandbox signs and sends the session's own events,
 * with the payment intent a later refund is made against, exactly as Stripe's hosted page would lead to.
 */
async function payAndConfirm(booking) {
  const session = await checkout(booking);
  const paid = await fetch(`${BASE_URL}/dev/checkout/${encodeURIComponent(session.session_id)}/pay`, {
    method: 'POST', redirect: 'manual',
  });
  assert.equal(paid.status, 303);
  assert.match(paid.headers.get('location') ?? '', /\/reserva\/pago\/exito\?session_id=/);
  await until('confirmed', session.session_id, (s) => s.consultation_status === 'confirmed');
  return session;
}

const ofType = (messages, type) => messages.filter((m) => m.type === type);

/** The address's messages once one of `type` is among them (others, such as the login link, may come first). */
async function mailboxWith(to, type, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let messages = [];
  while (Date.now() < deadline) {
    messages = await mailbox(to, { atLeast: 1, timeoutMs });
    if (ofType(messages, type).length > 0) return messages;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no ${type} message for ${to}; got ${messages.map((m) => m.type)}`);
}

await runScenario(async () => {
  const doctor = await registeredDoctor();
  const slots = await slotsFarAhead(doctor);
  const patient = uniqueEmail('pay-patient');
  const state = {};
  const admin = await apiCall('POST', '/api/v1/auth/login', { body: ADMIN, expect: 200 });
  state.adminToken = admin.body.access_token;

  await check('checkout: no proof 401, a forged token 404, a foreign return URL 400; then one session, asked twice', async () => {
    state.paid = await book(doctor, slots[0], patient);
    const id = state.paid.consultation_id;
    const noProof = await apiCall('POST', '/api/v1/payments/checkout-session', { body: { consultation_id: id, ...returnUrls } });
    assert.equal(noProof.status, 401);
    state.otherEmail = uniqueEmail('pay-other');
    const other = await book(doctor, slots[1], state.otherEmail);
    state.other = other;
    const foreignToken = await apiCall('POST', '/api/v1/payments/checkout-session', {
      body: { consultation_id: id, checkout_token: other.next_step.checkout_token, ...returnUrls },
    });
    assert.equal(foreignToken.status, 404, 'a token of another consultation opens nothing');
    const elsewhere = await apiCall('POST', '/api/v1/payments/checkout-session', {
      body: { consultation_id: id, checkout_token: state.paid.next_step.checkout_token,
        success_url: 'https://pay.example.org/ok', cancel_url: returnUrls.cancel_url },
    });
    assert.equal(elsewhere.status, 400);
    const first = await checkout(state.paid);
    const again = await checkout(state.paid);
    assert.match(first.checkout_url, /\/dev\/checkout\//);
    assert.equal(again.session_id, first.session_id, 'the same open session is answered again');
    state.session = first;
    const fresh = await status(first.session_id);
    assert.equal(fresh.payment_status, 'pending');
    assert.equal(fresh.consultation_status, 'pending_payment');
  });

  await check('a forged signature or a timestamp older than 300 s is refused with 400 and stores nothing', async () => {
    const event = completion(state.paid, state.session, { secret: 'whsec_not_ours' });
    const forged = await deliver(event);
    assert.equal(forged.status, 400);
    assert.match(forged.type, /application\/problem\+json/);
    const stale = await deliver(completion(state.paid, state.session, { id: event.id, at: new Date(Date.now() - 400_000) }));
    assert.equal(stale.status, 400);
    const unsigned = await fetch(`${BASE_URL}/api/v1/payments/webhook`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: event.body,
    });
    assert.equal(unsigned.status, 400);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await status(state.session.session_id);
    assert.equal(after.payment_status, 'pending');
    assert.equal(after.consultation_status, 'pending_payment');
    state.refusedEventId = event.id;
  });

  await check('the same signed completion delivered three times confirms once: one confirmation, one doctor notice', async () => {
    // Reuses the refused events' id: had any of them been stored, this one would be taken for a duplicate.
    const event = completion(state.paid, state.session, { id: state.refusedEventId });
    for (let i = 0; i < 3; i++) assert.equal((await deliver(event)).status, 200, `delivery ${i + 1}`);
    const confirmed = await until('confirmed', state.session.session_id, (s) => s.consultation_status === 'confirmed');
    assert.equal(confirmed.payment_status, 'succeeded');
    await mailboxWith(patient, 'booking-confirmation');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const settled = await mailbox(patient, { atLeast: 1 });
    assert.equal(ofType(settled, 'booking-confirmation').length, 1, `patient messages: ${settled.map((m) => m.type)}`);
    assert.ok(ofType(settled, 'booking-confirmation')[0].links.some((l) => l.includes('/reserva/gestionar')),
      'the confirmation carries the manage link');
    const doctorMail = await mailboxWith(doctor.email, 'new-consultation');
    assert.equal(ofType(doctorMail, 'new-consultation').length, 1, `doctor messages: ${doctorMail.map((m) => m.type)}`);
    const listed = await apiCall('GET', `/api/v1/payments/consultations?doctor_id=${doctor.id}&payment_status=paid`,
      { token: state.adminToken, expect: 200 });
    assert.deepEqual(listed.body.items.map((c) => c.id), [state.paid.consultation_id]);
  });

  await check('a failed payment leaves the consultation unconfirmed and tells the patient', async () => {
    const session = await checkout(state.other);
    const payments = await apiCall('GET', `/api/v1/payments/admin/payments?consultation_id=${state.other.consultation_id}`,
      { token: state.adminToken, expect: 200 });
    const payment = payments.body.items[0];
    const failure = signedEvent('payment_intent.payment_failed', {
      id: `pi_e2e_${randomUUID().slice(0, 8)}`, object: 'payment_intent', status: 'requires_payment_method',
      amount: state.other.amount, currency: state.other.currency,
      last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' },
      metadata: { consultation_id: String(state.other.consultation_id), payment_id: String(payment.id) },
    });
    assert.equal((await deliver(failure)).status, 200);
    const failed = await until('failed', session.session_id, (s) => s.payment_status === 'failed');
    assert.equal(failed.consultation_status, 'pending_payment');
    // booking hears of the failure through Kafka, a moment after payment-service: wait for it (at most 15 s).
    let failedInBooking = [];
    for (let tries = 0; tries < 30 && failedInBooking.length === 0; tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      const other = await apiCall('GET', `/api/v1/payments/consultations?doctor_id=${doctor.id}&payment_status=failed`,
        { token: state.adminToken, expect: 200 });
      failedInBooking = other.body.items.map((c) => c.id);
    }
    assert.deepEqual(failedInBooking, [state.other.consultation_id]);
    const messages = await mailboxWith(state.otherEmail, 'payment-failed');
    assert.equal(ofType(messages, 'booking-confirmation').length, 0, 'no confirmation for a failed payment');
  });

  await check('the patient cancels more than 24 h ahead through the manage link: full refund and its email', async () => {
    const email = uniqueEmail('pay-patient-cancels');
    const booking = await book(doctor, slots[3], email);
    const session = await payAndConfirm(booking);
    const confirmation = ofType(await mailboxWith(email, 'booking-confirmation'), 'booking-confirmation')[0];
    const url = new URL(confirmation.links.find((l) => l.includes('/reserva/gestionar')));
    await apiCall('POST', `/api/v1/consultations/public/manage/${url.searchParams.get('id')}/cancel`, {
      body: { token: url.searchParams.get('token') }, expect: 200,
    });
    const refunded = await until('refunded', session.session_id, (s) => s.payment_status === 'refunded');
    assert.equal(refunded.refund_amount, booking.amount);
    assert.equal(refunded.consultation_status, 'cancelled');
    const messages = await mailboxWith(email, 'payment-refunded');
    assert.equal(ofType(messages, 'payment-refunded').length, 1, `patient messages: ${messages.map((m) => m.type)}`);
  });

  await check('an admin cancels a paid consultation: refunded in full whatever the time left', async () => {
    const booking = await book(doctor, slots[2], uniqueEmail('pay-admin-cancel'));
    const session = await payAndConfirm(booking);
    await apiCall('PATCH', `/api/v1/admin/consultations/${booking.consultation_id}`, {
      token: state.adminToken, body: { status: 'cancelled', reason: 'doctor unavailable' }, expect: 200,
    });
    const refunded = await until('refunded', session.session_id, (s) => s.payment_status === 'refunded');
    assert.equal(refunded.refund_amount, booking.amount);
    const listed = await apiCall('GET', `/api/v1/payments/admin/payments?consultation_id=${booking.consultation_id}`,
      { token: state.adminToken, expect: 200 });
    assert.equal(listed.body.items[0].status, 'refunded');
  });

  await check('payment listings refuse anonymous callers; an unknown payment status filter is a 400', async () => {
    await apiCall('GET', '/api/v1/payments/admin/payments', { expect: 401 });
    await apiCall('GET', '/api/v1/payments/doctor/payments', { expect: 401 });
    const bad = await apiCall('GET', '/api/v1/payments/consultations?payment_status=whatever',
      { token: state.adminToken, expect: 400 });
    assert.equal(problemType(bad) !== '', true);
  });
});
