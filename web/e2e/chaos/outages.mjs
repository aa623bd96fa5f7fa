// Outages of the infrastructure under the running platform: the Kafka broker and PostgreSQL stopped for a while by
// the launcher (a drill it runs only for the test stack, see deploy/devstack FaultDrill) while the core flow goes on.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiCall, BASE_URL, uniqueEmail } from '../harness.mjs';
import { eventually, report, sleep } from './faults.mjs';
import { bookedAndCheckedOut, confirmedCount, doctorWithSlots, exactlyOnce, inBatches, pay } from './scenarios.mjs';

const FAULTS_DIR = () => path.join(process.env.E2E_STATE_DIR, 'run', 'faults');
const SERVICES = ['auth', 'booking', 'payment', 'video', 'clinical', 'notification', 'pdf'];
const SERVICE_PORT = { auth: 8081, booking: 8082, payment: 8083, video: 8084, clinical: 8085, notification: 8086, pdf: 8087 };

/** Asks the launcher to stop `target` (kafka | postgres) for `seconds`; resolves once it is down. */
async function stopFor(target, seconds) {
  writeFileSync(path.join(FAULTS_DIR(), `${target}.stop`), `${seconds}\n`);
  await eventually(`${target} stopped by the launcher`, async () => existsSync(path.join(FAULTS_DIR(), `${target}.down`)),
    60_000);
  return Date.now();
}

async function awaitBack(target, timeoutMs) {
  await eventually(`${target} serving again`, async () => {
    if (existsSync(path.join(FAULTS_DIR(), `${target}.failed`))) throw new Error(`the ${target} drill failed`);
    return existsSync(path.join(FAULTS_DIR(), `${target}.up`));
  }, timeoutMs);
  return Date.now();
}

/** Sum of a Prometheus counter over every service (a service answering on neither port counts as an error). */
async function counterTotal(metric) {
  const offset = Number(new URL(BASE_URL).port) - 8080;
  let total = 0;
  for (const service of SERVICES) {
    const port = SERVICE_PORT[service] + offset;
    let text;
    for (const candidate of [port + 1000, port]) { // the management port, or the service port where it is shared
      const response = await fetch(`http://127.0.0.1:${candidate}/actuator/prometheus`).catch(() => undefined);
      if (response?.ok) { text = await response.text(); break; }
    }
    assert.ok(text !== undefined, `${service}-service metrics not reachable`);
    for (const line of text.split('\n')) {
      if (line.startsWith(`${metric}{`) || line.startsWith(`${metric} `)) total += Number(line.trim().split(/\s+/).pop());
    }
  }
  return total;
}

const health = () => fetch(`${BASE_URL}/api/health`, { signal: AbortSignal.timeout(10_000) })
  .then((r) => r.status).catch(() => 0);

/**
 * The broker stopped for `seconds` while patients book and pay: bookings and webhooks are still answered (the
 * outbox keeps the facts), and after the broker returns every payment confirms its consultation once, with one
 * email each and nothing dead-lettered.
 */
export async function brokerOutage({ seconds, paidDuring, bookedDuring }) {
  const doctor = await doctorWithSlots(paidDuring + bookedDuring);
  const slots = doctor.slots.slice(0, paidDuring + bookedDuring);
  const checkedOut = await inBatches(slots.slice(0, paidDuring), 5,
    (slot, i) => bookedAndCheckedOut(doctor, slot, uniqueEmail(`chaos-broker-pay-${i}`)));
  const deadBefore = await counterTotal('telemed_inbox_dead_lettered_total');

  const down = await stopFor('kafka', seconds);
  await Promise.all(checkedOut.map(pay)); // the sandbox checkout signs Stripe's events: the webhook answers 2xx
  const bookedWhileDown = await inBatches(slots.slice(paidDuring), 5, async (slot, i) => {
    const email = uniqueEmail(`chaos-broker-book-${i}`);
    const { body } = await apiCall('POST', '/api/v1/consultations/public/book', {
      body: { doctor_id: doctor.id, scheduled_at: slot, full_name: 'Paciente Caos', email, phone: '+34 600 000 003',
        locale: 'es', timezone: 'Europe/Madrid' },
      expect: 201,
    });
    return { email, body };
  });
  const up = await awaitBack('kafka', (seconds + 90) * 1000);

  await eventually(`${paidDuring} paid consultations confirmed`, async () =>
    (await confirmedCount(checkedOut)) === paidDuring, 180_000);
  const outcome = await exactlyOnce(checkedOut.map((b) => b.email), 'booking-confirmation', 180_000);
  const deadAfter = await counterTotal('telemed_inbox_dead_lettered_total');
  assert.equal(deadAfter - deadBefore, 0, `records dead-lettered during the outage: ${deadAfter - deadBefore}`);
  const recovered = Date.now();
  report({ fault: `Kafka stopped ${seconds} s`, requests: `${paidDuring} webhooks + ${bookedWhileDown.length} bookings during it`,
    expected: `${paidDuring} confirmed once, 0 dead letters`,
    observed: `${paidDuring} confirmed, ${paidDuring - outcome.missing} confirmations (${outcome.duplicated} twice), `
      + `${deadAfter - deadBefore} dead letters`,
    outage_s: ((up - down) / 1000).toFixed(1), caught_up_after_s: ((recovered - up) / 1000).toFixed(1) });
}

/**
 * PostgreSQL stopped for `seconds`: requests get a quick 503 problem+json with Retry-After (never a 500, never a
 * hang), readiness goes down and comes back, and a booking refused during the outage left nothing behind: its slot
 * books once the database is back.
 */
export async function databaseOutage({ seconds }) {
  const doctor = await doctorWithSlots(1);
  const slot = doctor.slots[0];
  const down = await stopFor('postgres', seconds);
  const seen = { s503: 0, other: [] };
  let healthWentDown = false;
  const until = down + (seconds - 5) * 1000;
  let attempts = 0;
  while (Date.now() < until) {
    attempts += 1;
    const started = Date.now();
    const response = await fetch(`${BASE_URL}/api/v1/consultations/public/book`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ doctor_id: doctor.id, scheduled_at: slot, full_name: 'Paciente Caos',
        email: uniqueEmail('chaos-db'), phone: '+34 600 000 004', locale: 'es', timezone: 'Europe/Madrid' }),
      signal: AbortSignal.timeout(15_000),
    }).catch((e) => ({ status: 0, error: String(e) }));
    const took = Date.now() - started;
    if (response.status === 503 && response.headers.get('retry-after')
        && (response.headers.get('content-type') || '').startsWith('application/problem+json')) {
      seen.s503 += 1;
    } else {
      seen.other.push(`${response.status}${response.error ? ` ${response.error}` : ''} after ${took} ms`);
    }
    healthWentDown ||= (await health()) !== 200;
    await sleep(1000);
  }
  assert.deepEqual(seen.other, [], `answers other than 503 problem+json with Retry-After: ${seen.other.join(', ')}`);
  assert.ok(healthWentDown, '/api/health stayed 200 with the database stopped');
  const up = await awaitBack('postgres', (seconds + 60) * 1000);
  await eventually('/api/health 200 again', async () => (await health()) === 200, 120_000);
  const healthy = Date.now();
  const { status } = await apiCall('POST', '/api/v1/consultations/public/book', {
    body: { doctor_id: doctor.id, scheduled_at: slot, full_name: 'Paciente Caos', email: uniqueEmail('chaos-db-after'),
      phone: '+34 600 000 005', locale: 'es', timezone: 'Europe/Madrid' },
  });
  assert.equal(status, 201, `the slot refused during the outage books afterwards: HTTP ${status}`);
  report({ fault: `PostgreSQL stopped ${seconds} s`, requests: `${attempts} bookings during it`,
    expected: 'every one 503 + Retry-After, health DOWN then UP, the slot still free',
    observed: `${seen.s503} × 503, health went down, slot booked after (201)`,
    outage_s: ((up - down) / 1000).toFixed(1), healthy_after_s: ((healthy - up) / 1000).toFixed(1) });
}
