// One fuzzing campaign: the operations of the merged document, each broken every way (see fuzzer.mjs), first the
// requests that must be refused (sent also with an admin token, and the platform's data compared before and after),
// then those that may be accepted (sent only as a throw-away doctor, so nothing of the demo accounts changes).
import assert from 'node:assert/strict';
import { apiCall, BASE_URL, mailbox, REGISTRATION_TOKEN, uniqueEmail } from '../harness.mjs';
import { temporaryPasswordIn } from '../staff-login-mail.mjs';
import { mutations, operations, random, send } from './fuzzer.mjs';

const ADMIN = { email: 'admin@telemed.local', password: process.env.DEMO_PASSWORD || 'Telemed-Demo-2026!' };
const FUZZ_PASSWORD = 'Fuzz-Doctor-Password-2026!';

async function fuzzDoctorToken() {
  const email = uniqueEmail('fuzz-doctor');
  await apiCall('POST', '/api/v1/auth/register-medical-professional', {
    body: { email, full_name: 'Dra. Fuzz', license_number: `FUZZ-${Date.now()}`, specialty: 'Fuzzing',
      registration_token: REGISTRATION_TOKEN },
    expect: 201,
  });
  const [welcome] = await mailbox(email);
  const limited = await apiCall('POST', '/api/v1/auth/login-temporary', {
    body: { email, temporary_password: temporaryPasswordIn(welcome) }, expect: 200 });
  await apiCall('POST', '/api/v1/auth/change-password', {
    token: limited.body.access_token, body: { new_password: FUZZ_PASSWORD }, expect: 200 });
  return (await apiCall('POST', '/api/v1/auth/login', { body: { email, password: FUZZ_PASSWORD }, expect: 200 }))
    .body.access_token;
}

/** What an admin sees of the platform's data: a rejected request must not change any of it. */
async function fingerprint(adminToken) {
  const lists = ['/api/v1/admin/patients', '/api/v1/admin/consultations', '/api/v1/admin/medical-professionals',
    '/api/v1/payments/admin/payments'];
  const seen = {};
  for (const list of lists) {
    const { status, body } = await apiCall('GET', list, { token: adminToken });
    seen[list] = status === 200 ? JSON.stringify(body) : `HTTP ${status}`;
  }
  return seen;
}

/**
 * Runs the campaign; answers a table (operation → requests, refused, accepted, failures) and the failures found.
 * `limit` caps the mutations per operation (picked by the seeded generator), `seed` makes the run reproducible.
 */
export async function campaign({ seed, limit }) {
  const doc = await (await fetch(`${BASE_URL}/api/openapi.json`)).json();
  const rnd = random(seed);
  const admin = (await apiCall('POST', '/api/v1/auth/login', { body: ADMIN, expect: 200 })).body.access_token;
  const doctor = await fuzzDoctorToken();
  const failures = [];
  const plans = operations(doc).map((op) => {
    let all = mutations(doc, op, rnd);
    while (all.length > limit) all.splice(Math.floor(rnd() * all.length), 1);
    return { op, all };
  });
  const table = plans.map(({ op }) => ({ operation: `${op.method.toUpperCase()} ${op.path}`, requests: 0, refused: 0,
    accepted: 0, failures: 0 }));

  const before = await fingerprint(admin);
  await phase(doc, plans, table, failures, rnd, (m) => m.mustRefuse, { 'no token': undefined, admin, doctor });
  const after = await fingerprint(admin);
  for (const list of Object.keys(before)) {
    if (before[list] !== after[list]) failures.push(`refused requests changed ${list}`);
  }
  await phase(doc, plans, table, failures, rnd, (m) => !m.mustRefuse, { 'no token': undefined, 'as a doctor': doctor });
  return { table, failures };
}

/** Sends the mutations `which` picks of every operation, once per caller, tallying into `table`. */
async function phase(doc, plans, table, failures, rnd, which, callers) {
  for (const [i, { op, all }] of plans.entries()) {
    const row = table[i];
    for (const mutation of all.filter(which)) {
      for (const [caller, token] of Object.entries(callers)) {
        const outcome = await send(doc, op, mutation, token, rnd);
        row.requests += 1;
        if (outcome.status >= 400) row.refused += 1; else row.accepted += 1;
        if (outcome.problems.length) {
          row.failures += 1;
          failures.push(`${row.operation} [${mutation.kind}] ${caller}: ${outcome.problems.join(', ')}`);
        }
      }
    }
  }
}

export function print({ table, failures }) {
  const total = table.reduce((s, r) => s + r.requests, 0);
  console.log(`  | operations: ${table.length} | requests: ${total} | failures: ${failures.length}`);
  for (const r of table) {
    console.log(`  | ${r.operation.padEnd(70)} ${String(r.requests).padStart(5)} sent ${String(r.refused).padStart(5)} refused ${String(r.accepted).padStart(4)} accepted ${r.failures ? `${r.failures} FAILED` : ''}`);
  }
  failures.slice(0, 40).forEach((f) => console.log(`  ! ${f}`));
  assert.equal(failures.length, 0, `${failures.length} requests answered wrongly (first: ${failures[0]})`);
}
