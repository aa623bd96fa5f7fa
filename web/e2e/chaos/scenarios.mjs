// The crash scenarios, each driving the core flow through the gateway while a component is killed with SIGKILL,
// then checking the end state where a user would see it: the dev mailbox (each effect exactly once) and the
// payment status. Sizes are parameters: the short run inside `make test` uses small ones, `make chaos` larger.
import assert from 'node:assert/strict';
import { apiCall, BASE_URL, REGISTRATION_TOKEN, uniqueEmail } from '../harness.mjs';
import { awaitRecovered, crash, eventually, messagesFor, report, sleep } from './faults.mjs';

const SETTLE_MS = 4000; // after the last expected effect, time for a duplicate to show up if there were one
const ofType = (messages, type) => messages.filter((m) => m.type === type);

export async function inBatches(items, size, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(...await Promise.all(items.slice(i, i + size).map(fn)));
  return out;
}

async function registerDoctor(email, specialty) {
  await apiCall('POST', '/api/v1/auth/register-medical-professional', {
    body: { email, full_name: 'Dra. Caos Prueba', license_number: `CHAOS-${Date.now()}-${Math.random()}`, specialty,
      registration_token: REGISTRATION_TOKEN },
    expect: 201,
  });
}

/** Counts, per address, the messages of one type; asserts exactly one each after a settling pause. */
export async function exactlyOnce(addresses, type, timeoutMs) {
  await eventually(`one ${type} for each of ${addresses.length} addresses`, async () => {
    const counts = await inBatches(addresses, 20, async (a) => ofType(await messagesFor(a), type).length);
    return counts.every((n) => n >= 1);
  }, timeoutMs);
  await sleep(SETTLE_MS);
  const counts = await inBatches(addresses, 20, async (a) => ofType(await messagesFor(a), type).length);
  const missing = counts.filter((n) => n === 0).length;
  const duplicated = counts.filter((n) => n > 1).length;
  assert.equal(missing + duplicated, 0, `${type}: ${missing} missing, ${duplicated} duplicated`);
  return { missing, duplicated };
}

/** notification-service killed while `count` emails are on their way: every one is delivered, none twice. */
export async function notificationCrash({ count }) {
  const run = Date.now();
  const addresses = Array.from({ length: count }, (_, i) => uniqueEmail(`chaos-mail-${i}`));
  await inBatches(addresses, 10, (a) => registerDoctor(a, `Caos ${run}`));
  await eventually('some of the emails delivered', async () => (await messagesFor(addresses[0])).length > 0
    || (await messagesFor(addresses[count - 1])).length > 0, 60_000);
  const crashed = crash('notification-service');
  const recovered = await awaitRecovered('notification-service', crashed);
  const outcome = await exactlyOnce(addresses, 'doctor-temporary-password', 180_000);
  report({ fault: 'kill -9 notification-service', requests: `${count} registrations`,
    expected: `${count} emails, one each`, observed: `${count - outcome.missing} delivered, ${outcome.duplicated} twice`,
    restart_s: recovered.restartSeconds.toFixed(1), recovery_s: recovered.recoverySeconds.toFixed(1) });
}

export async function doctorWithSlots(count) {
  const email = uniqueEmail('chaos-doctor');
  const specialty = `Caos Pagos ${Date.now()}`;
  await registerDoctor(email, specialty);
  const doctor = await eventually('the doctor in the directory', async () => {
    const { body } = await apiCall('GET',
      `/api/v1/consultations/public/doctors?specialty=${encodeURIComponent(specialty)}`, { expect: 200 });
    return body.length > 0 && body[0].next_slots.length > 0 ? body[0] : false;
  }, 60_000);
  const from = new Date(Date.now() + 2 * 86400_000);
  const to = new Date(from.getTime() + 30 * 86400_000);
  const { body } = await apiCall('GET',
    `/api/v1/consultations/public/doctors/${doctor.id}/slots?from=${from.toISOString()}&to=${to.toISOString()}`,
    { expect: 200 });
  assert.ok(body.slots.length >= count, `free slots: ${body.slots.length}, wanted ${count}`);
  return { ...doctor, email, slots: body.slots.map((s) => s.starts_at) };
}

const returnUrls = { success_url: `${BASE_URL}/reserva/pago/exito`, cancel_url: `${BASE_URL}/reserva/pago/cancelado` };

/** Booked and with an open checkout session, ready to be paid on the sandbox checkout. */
export async function bookedAndCheckedOut(doctor, slot, email) {
  const { body: booking } = await apiCall('POST', '/api/v1/consultations/public/book', {
    body: { doctor_id: doctor.id, scheduled_at: slot, full_name: 'Paciente Caos', email, phone: '+34 600 000 002',
      locale: 'es', timezone: 'Europe/Madrid' },
    expect: 201,
  });
  const session = await apiCall('POST', '/api/v1/payments/checkout-session', {
    body: { consultation_id: booking.consultation_id, checkout_token: booking.next_step.checkout_token, ...returnUrls },
  });
  assert.ok([200, 201].includes(session.status), `checkout: HTTP ${session.status}`);
  return { email, consultationId: booking.consultation_id, sessionId: session.body.session_id };
}

/** The sandbox checkout's Pay button: it signs and delivers Stripe's events to the webhook, as Stripe would. */
export async function pay(booking) {
  const paid = await fetch(`${BASE_URL}/dev/checkout/${encodeURIComponent(booking.sessionId)}/pay`,
    { method: 'POST', redirect: 'manual' });
  assert.equal(paid.status, 303, `sandbox pay of ${booking.sessionId}`);
}

export const confirmedCount = async (bookings) => (await inBatches(bookings, 10, async (b) => {
  const { status, body } = await apiCall('GET', `/api/v1/payments/checkout-session/${encodeURIComponent(b.sessionId)}`);
  return status === 200 && body.consultation_status === 'confirmed';
})).filter(Boolean).length;

/**
 * payment-service killed right after it answered the webhook (its relay may not have published yet): after the
 * restart each consultation is confirmed once, with one confirmation to the patient and one notice to the doctor.
 */
export async function paymentCrash({ count }) {
  const doctor = await doctorWithSlots(count);
  const bookings = await inBatches(doctor.slots.slice(0, count), 5,
    (slot, i) => bookedAndCheckedOut(doctor, slot, uniqueEmail(`chaos-pay-${i}`)));
  await Promise.all(bookings.map(pay));
  const crashed = crash('payment-service');
  const recovered = await awaitRecovered('payment-service', crashed);
  await eventually(`${count} consultations confirmed`, async () => (await confirmedCount(bookings)) === count, 120_000);
  const outcome = await exactlyOnce(bookings.map((b) => b.email), 'booking-confirmation', 120_000);
  const notices = ofType(await messagesFor(doctor.email), 'new-consultation').length;
  assert.equal(notices, count, `doctor notices: ${notices}, wanted ${count}`);
  report({ fault: 'kill -9 payment-service after the webhook', requests: `${count} paid checkouts`,
    expected: `${count} confirmed, ${count} confirmations, ${count} doctor notices`,
    observed: `${count} confirmed, ${count - outcome.missing} confirmations (${outcome.duplicated} twice), ${notices} notices`,
    restart_s: recovered.restartSeconds.toFixed(1), recovery_s: recovered.recoverySeconds.toFixed(1) });
}

/** booking-service killed while `count` payment confirmations are on their way to it: all confirmed once. */
export async function bookingCrash({ count }) {
  const doctor = await doctorWithSlots(count);
  const bookings = await inBatches(doctor.slots.slice(0, count), 5,
    (slot, i) => bookedAndCheckedOut(doctor, slot, uniqueEmail(`chaos-book-${i}`)));
  const paying = Promise.all(bookings.map(pay));
  await sleep(200);
  const crashed = crash('booking-service');
  await paying; // the webhook does not need booking-service: payments are recorded while it is down
  const recovered = await awaitRecovered('booking-service', crashed);
  await eventually(`${count} consultations confirmed`, async () => (await confirmedCount(bookings)) === count, 120_000);
  const outcome = await exactlyOnce(bookings.map((b) => b.email), 'booking-confirmation', 120_000);
  const notices = ofType(await messagesFor(doctor.email), 'new-consultation').length;
  assert.equal(notices, count, `doctor notices: ${notices}, wanted ${count}`);
  report({ fault: 'kill -9 booking-service with confirmations in flight', requests: `${count} paid checkouts`,
    expected: `${count} confirmed once`,
    observed: `${count} confirmed, ${count - outcome.missing} confirmations (${outcome.duplicated} twice), ${notices} notices`,
    restart_s: recovered.restartSeconds.toFixed(1), recovery_s: recovered.recoverySeconds.toFixed(1) });
}
