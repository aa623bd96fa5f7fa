// The access matrix, generated from the services' own OpenAPI documents (no browser): every operation whose path
// takes a parameter is called through the gateway as its owner, another doctor, the patient, another patient, an
// admin, an it_admin, with an expired token, with a one-step token and with none. Only the identities its rule
// allows may ever get a 2xx; anyone else gets exactly what they would get for an id that does not exist (so an
// answer never tells that someone else's id exists); tokens that are not a session get 401/403.
//
// Each operation needs a rule in RULES below: which fixture fills each parameter and who may succeed. A new
// operation without a rule FAILS this scenario (it is still called without a token and with a one-step and an
// expired token, which must all be refused) until someone states who may use it: the matrix never skips an
// endpoint silently.
import assert from 'node:assert/strict';
import { apiCall, BASE_URL, check, mailbox, REGISTRATION_TOKEN, runScenario, signToken, uniqueEmail } from './harness.mjs';
import { temporaryPasswordIn } from './staff-login-mail.mjs';

const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Telemed-Demo-2026!';
const SERVICES = [
  ['auth-service', 8081], ['booking-service', 8082], ['payment-service', 8083], ['video-service', 8084],
  ['clinical-service', 8085], ['notification-service', 8086], ['pdf-service', 8087],
];
const IDENTITIES = ['doctorA', 'doctorB', 'patientA', 'patientB', 'admin', 'itAdmin', 'expired', 'oneStep', 'none'];
/** Identities that are not a session: refused whatever the id. */
const NOT_A_SESSION = new Set(['expired', 'oneStep', 'none']);
const MISSING_ID = '987654321';
const FAR_DATE = new Date(Date.now() + 400 * 86400_000).toISOString().slice(0, 10);

/**
 * Who may succeed on each operation. `params`: the fixture of each path parameter. `allow`: identities that may get
 * a 2xx (the first is the owner). `probe`: call the allowed identities too (default for GET; off for operations
 * that would change the fixtures) — the owner must then not be refused (GET: must get 2xx). `selfScoped`: the
 * parameter is not someone's id (a date of the caller's own agenda), so the "same as missing" check does not apply.
 * `capability`: a public path opened by a secret other than a session (the manage link's token): without it every
 * identity, with or without a token, is refused alike.
 * `public`: reachable without a session by design (`why`); only checked never to fail with 5xx, with missing ids.
 */
const RULES = {
  // auth-service
  'PATCH /api/v1/admin/medical-professionals/{id}': { params: { id: 'doctorAUserId' }, allow: ['itAdmin'], body: {}, probe: true },
  // booking-service
  'GET /api/v1/consultations/public/doctors/{id}/slots': { public: true, why: 'the public directory' },
  // Opened only by the manage link's token (a query parameter): no session of any kind may open it without.
  'GET /api/v1/consultations/public/manage/{id}': { params: { id: 'consultationA' }, allow: [], capability: true },
  'POST /api/v1/consultations/public/manage/{id}/cancel': { params: { id: 'consultationA' }, allow: [], capability: true, body: {} },
  'POST /api/v1/consultations/public/manage/{id}/reschedule': { params: { id: 'consultationA' }, allow: [], capability: true, body: {} },
  'GET /api/v1/doctor/consultations/{id}': { params: { id: 'consultationA' }, allow: ['doctorA'] },
  'PATCH /api/v1/doctor/consultations/{id}': { params: { id: 'consultationA' }, allow: ['doctorA'], body: { status: 'completed' } },
  'GET /api/v1/admin/patients/{id}': { params: { id: 'patientAId' }, allow: ['admin', 'itAdmin'] },
  'GET /api/v1/admin/consultations/{id}': { params: { id: 'consultationA' }, allow: ['admin', 'itAdmin'] },
  'PATCH /api/v1/admin/consultations/{id}': { params: { id: 'consultationA' }, allow: ['admin'], body: { status: 'cancelled', reason: 'matrix' } },
  'PUT /api/v1/payments/consultations/{id}': { params: { id: 'consultationA' }, allow: ['doctorA', 'admin', 'patientA'], body: { status: 'cancelled', reason: 'matrix' } },
  'POST /api/v1/consultations/me/{id}/cancel': { params: { id: 'consultationA' }, allow: ['patientA'], body: {} },
  'POST /api/v1/consultations/me/{id}/reschedule': { params: { id: 'consultationA' }, allow: ['patientA'], body: { scheduled_at: `${FAR_DATE}T09:00:00Z` } },
  'GET /api/v1/consultations/{id}': { params: { id: 'consultationA' }, allow: ['patientA', 'doctorA', 'admin', 'itAdmin'] },
  'PUT /api/v1/doctor/agenda/overrides/{date}': { params: { date: 'farDate' }, allow: ['doctorA', 'doctorB', 'admin'], selfScoped: true, body: { intervals: [] } },
  'DELETE /api/v1/doctor/agenda/overrides/{date}': { params: { date: 'farDate' }, allow: ['doctorA', 'doctorB', 'admin'], selfScoped: true },
  'DELETE /api/v1/doctor/agenda/blocks/{blockId}': { params: { blockId: 'blockA' }, allow: ['doctorA'] },
  // clinical-service
  'GET /api/v1/doctor/patients/{id}': { params: { id: 'patientAId' }, allow: ['doctorA'] },
  'GET /api/v1/doctor/patients/{id}/history': { params: { id: 'patientAId' }, allow: ['doctorA'] },
  'POST /api/v1/doctor/patients/{id}/history': { params: { id: 'patientAId' }, allow: ['doctorA'], body: { chief_complaint: 'Matriz de acceso' } },
  'PUT /api/v1/doctor/patients/{id}/history/{recordId}': { params: { id: 'patientAId', recordId: 'recordA' }, allow: ['doctorA'], body: {}, probe: true },
  'DELETE /api/v1/doctor/patients/{id}/history/{recordId}': { params: { id: 'patientAId', recordId: 'recordA' }, allow: ['doctorA'] },
  'POST /api/v1/doctor/patients/{id}/history/{recordId}/sign': { params: { id: 'patientAId', recordId: 'recordA' }, allow: ['doctorA'] },
  'POST /api/v1/doctor/patients/{id}/history/{recordId}/addenda': { params: { id: 'patientAId', recordId: 'recordA' }, allow: ['doctorA'], body: { text: 'Adenda de la matriz' } },
  'GET /api/v1/patient/consultations/{id}/records': { params: { id: 'consultationA' }, allow: ['patientA'] },
  'GET /api/v1/templates/{id}': { params: { id: 'templateA' }, allow: ['doctorA'] },
  'PUT /api/v1/templates/{id}': { params: { id: 'templateA' }, allow: ['doctorA'], body: {}, probe: true },
  'DELETE /api/v1/templates/{id}': { params: { id: 'templateA' }, allow: ['doctorA'] },
  'GET /api/v1/doctor/patients/{id}/identity': { params: { id: 'patientAId' }, allow: ['doctorA'] },
  // notification-service
  'POST /api/v1/admin/notifications/{id}/retry': { params: { id: 'messageId' }, allow: ['admin', 'itAdmin'], probe: true },
  // payment-service
  'GET /api/v1/payments/checkout-session/{sessionId}': { public: true, why: 'status of a checkout, by its unguessable session id' },
  'POST /api/v1/payments/admin/payments/{id}/refund': { params: { id: 'paymentA' }, allow: ['admin'], body: { reason: 'matrix' } },
  // video-service: the doctor runs the room; the patient reads it and reports presence with a session or with the
  // manage link's token (a capability: without it, no session of any kind reaches someone else's room).
  'POST /api/v1/video/consultations/{id}/start-video': { params: { id: 'consultationA' }, allow: ['doctorA'], probe: true },
  'POST /api/v1/video/consultations/{id}/end-video': { params: { id: 'consultationA' }, allow: ['doctorA'] },
  'GET /api/v1/video/consultations/{id}/video-info': { params: { id: 'consultationA' }, allow: ['doctorA', 'patientA'], capability: true },
  'POST /api/v1/video/consultations/{id}/presence': { params: { id: 'consultationA' }, allow: ['doctorA', 'patientA'], capability: true, body: { event: 'joined' }, probe: true },
  // pdf-service: the owners decide (the treating doctor; the patient only their own consultation's summary)
  'GET /api/v1/pdf/patients/{id}/history/pdf': { params: { id: 'patientAId' }, allow: ['doctorA'] },
  'GET /api/v1/pdf_clinica/patients/{id}/history/pdf': { params: { id: 'patientAId' }, allow: ['doctorA'] },
  // The fixture record stays a draft (the PUT rule edits it), and drafts are never printed: the owner's 200 on a
  // signed record is pdf-service's DocumentsIT and pdf.e2e.mjs; here only who is refused.
  'GET /api/v1/pdf_clinica/patients/{id}/complaint/{recordId}/pdf': { params: { id: 'patientAId', recordId: 'recordA' }, allow: ['doctorA'], probe: false },
  'GET /api/v1/pdf/consultations/{id}/pdf': { params: { id: 'consultationA' }, allow: ['doctorA', 'patientA'] },
  'GET /api/v1/pdf_clinica/consultations/{id}/pdf': { params: { id: 'consultationA' }, allow: ['doctorA', 'patientA'] },
};

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, fn, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await fn().catch((error) => error);
    if (last && !(last instanceof Error)) return last;
    await wait(500);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms (${last?.message ?? last})`);
}

/** The OpenAPI documents of the services, read on each service's own port (the gateway's offset applies). */
async function operations() {
  const offset = Number(new URL(BASE_URL).port || 80) - 8080;
  const found = [];
  for (const [service, port] of SERVICES) {
    let doc;
    try {
      const response = await fetch(`http://127.0.0.1:${port + offset}/v3/api-docs`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      doc = await response.json();
    } catch (error) {
      found.push({ service, missing: String(error?.message ?? error) });
      continue;
    }
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        if (item[method] && /\{[^}]+\}/.test(path)) found.push({ service, method: method.toUpperCase(), path });
      }
    }
  }
  return found;
}

/** A doctor registered for this run, signed in with a password of their own; the one-step token along the way. */
async function newDoctor(label) {
  const email = uniqueEmail(`matrix-${label}`);
  const specialty = `Matriz ${label} ${Date.now()}`;
  await apiCall('POST', '/api/v1/auth/register-medical-professional', {
    body: { email, full_name: `Dr. Matriz ${label}`, license_number: `MTX-${label}-${Date.now()}`, specialty,
      registration_token: REGISTRATION_TOKEN },
    expect: 201,
  });
  const [welcome] = await mailbox(email);
  const limited = await apiCall('POST', '/api/v1/auth/login-temporary', {
    body: { email, temporary_password: temporaryPasswordIn(welcome) }, expect: 200,
  });
  const password = `Matriz-Clave-${label}-${Date.now() % 100000}`;
  const session = await apiCall('POST', '/api/v1/auth/change-password', {
    token: limited.body.access_token, body: { new_password: password }, expect: 200,
  });
  const me = await apiCall('GET', '/api/v1/auth/me', { token: session.body.access_token, expect: 200 });
  const listed = await until(`${label} in the public directory`, async () => {
    const { body } = await apiCall('GET', `/api/v1/consultations/public/doctors?specialty=${encodeURIComponent(specialty)}`,
      { expect: 200 });
    return body.length > 0 && body[0].next_slots.length > 0 ? body[0] : null;
  });
  return { token: session.body.access_token, userId: me.body.id, directoryId: listed.id, oneStep: limited.body.access_token };
}

async function signIn(email) {
  const { body } = await apiCall('POST', '/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD }, expect: 200 });
  assert.ok(body.access_token, `${email} signs in without a further step`);
  return body.access_token;
}

/** A consultation with `doctor`, booked and paid by a new patient; the patient's token from their login link. */
async function paidConsultation(doctor, label) {
  const from = new Date(Date.now() + 2 * 86400_000);
  const to = new Date(from.getTime() + 20 * 86400_000);
  const slots = await apiCall('GET',
    `/api/v1/consultations/public/doctors/${doctor.directoryId}/slots?from=${from.toISOString()}&to=${to.toISOString()}`,
    { expect: 200 });
  const email = uniqueEmail(`matrix-patient-${label}`);
  const booked = await apiCall('POST', '/api/v1/consultations/public/book', {
    body: { doctor_id: doctor.directoryId, scheduled_at: slots.body.slots[0].starts_at, full_name: `Paciente Matriz ${label}`,
      email, phone: '+34 600 000 002', locale: 'es', timezone: 'Europe/Madrid' },
    expect: 201,
  });
  const checkout = await apiCall('POST', '/api/v1/payments/checkout-session', {
    body: { consultation_id: booked.body.consultation_id, checkout_token: booked.body.next_step.checkout_token,
      success_url: `${BASE_URL}/reserva/pago/exito`, cancel_url: `${BASE_URL}/reserva/pago/cancelado` },
  });
  assert.ok([200, 201].includes(checkout.status), `checkout: HTTP ${checkout.status}`);
  const sessionId = checkout.body.session_id;
  const paid = await fetch(`${BASE_URL}/dev/checkout/${encodeURIComponent(sessionId)}/pay`, { method: 'POST', redirect: 'manual' });
  assert.equal(paid.status, 303);
  const link = await until(`login link of patient ${label}`, async () => {
    const messages = await mailbox(email, { timeoutMs: 2000 });
    for (const m of messages) {
      const found = (m.links ?? []).find((l) => l.includes('/acceso?token='));
      if (found) return found;
    }
    return null;
  }, 60_000);
  const token = new URL(link).searchParams.get('token');
  const login = await apiCall('POST', '/api/v1/auth/patient-login', { body: { token }, expect: 200 });
  return { consultationId: booked.body.consultation_id, token: login.body.access_token };
}

/** Fills the path's parameters from `values` (by parameter name); every parameter must have one. */
function fill(path, values) {
  return path.replace(/\{([^}]+)\}/g, (_, name) => {
    const value = values[name];
    if (value === undefined || value === null) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(String(value));
  });
}

function missingValues(path) {
  const values = {};
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    values[name] = /date/i.test(name) ? '2999-01-01' : /session/i.test(name) ? 'cs_matrix_missing' : MISSING_ID;
  }
  return values;
}

async function call(method, url, token, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const withBody = body !== undefined && method !== 'GET' && method !== 'DELETE';
  if (withBody) headers['content-type'] = 'application/json';
  const response = await fetch(`${BASE_URL}${url}`, { method, headers, body: withBody ? JSON.stringify(body) : undefined });
  await response.arrayBuffer();
  return response.status;
}

const ok = (status) => status >= 200 && status < 300;

await runScenario(async () => {
  const tokens = {};
  const fixtures = { farDate: FAR_DATE };
  let ops = [];

  await check('every service publishes its OpenAPI document', async () => {
    ops = await operations();
    const missing = ops.filter((o) => o.missing);
    ops = ops.filter((o) => !o.missing);
    assert.deepEqual(missing, [], 'services without an OpenAPI document');
    assert.ok(ops.length > 0, 'no operation with a path parameter found');
    console.log(`  ${ops.length} operations with a path parameter`);
  });

  await check('fixtures: two doctors with a paid consultation each, admins, a record, a template, a block', async () => {
    const doctorA = await newDoctor('A');
    const doctorB = await newDoctor('B');
    tokens.doctorA = doctorA.token;
    tokens.doctorB = doctorB.token;
    tokens.oneStep = doctorB.oneStep;
    tokens.admin = await signIn('admin@telemed.local');
    tokens.itAdmin = await signIn('it@telemed.local');
    tokens.none = null;
    tokens.expired = await signToken({ sub: String(doctorA.userId), role: 'specialist', iat: Math.floor(Date.now() / 1000) - 1800,
      exp: Math.floor(Date.now() / 1000) - 900 });
    const a = await paidConsultation(doctorA, 'A');
    const b = await paidConsultation(doctorB, 'B');
    tokens.patientA = a.token;
    tokens.patientB = b.token;
    fixtures.doctorAUserId = doctorA.userId;
    fixtures.consultationA = a.consultationId;
    const view = await apiCall('GET', `/api/v1/doctor/consultations/${a.consultationId}`, { token: tokens.doctorA, expect: 200 });
    fixtures.patientAId = view.body.patient_id;
    assert.ok(fixtures.patientAId, 'the consultation names its patient');
    // clinical-service learns of the care relationship from consultation.confirmed.
    const record = await until('doctor A may write in the patient\'s history', async () => {
      const created = await apiCall('POST', `/api/v1/doctor/patients/${fixtures.patientAId}/history`,
        { token: tokens.doctorA, body: { consultation_id: a.consultationId, chief_complaint: 'Matriz de acceso' } });
      return created.status === 201 ? created.body : null;
    });
    fixtures.recordA = record.id;
    const template = await apiCall('POST', '/api/v1/templates', { token: tokens.doctorA, body: { name: `Matriz ${Date.now()}` }, expect: 201 });
    fixtures.templateA = template.body.id;
    const blockStart = new Date(`${FAR_DATE}T10:00:00Z`);
    const block = await apiCall('POST', '/api/v1/doctor/agenda/blocks', {
      token: tokens.doctorA,
      body: { starts_at: blockStart.toISOString(), ends_at: new Date(blockStart.getTime() + 3600_000).toISOString(), reason: 'matriz' },
      expect: 201,
    });
    fixtures.blockA = block.body.id;
    const payments = await apiCall('GET', `/api/v1/payments/admin/payments?size=100`, { token: tokens.admin, expect: 200 });
    const payment = (payments.body.items ?? []).find((p) => p.consultation_id === a.consultationId);
    assert.ok(payment, 'the payment of consultation A is listed for the admin');
    fixtures.paymentA = payment.id;
    const messages = await apiCall('GET', '/api/v1/admin/notifications?size=1', { token: tokens.admin, expect: 200 });
    fixtures.messageId = messages.body.items[0].id;
  });

  // Reads first, then changes: the owner's probes must find the fixtures as they were made.
  const order = (o) => (o.method === 'GET' ? 0 : o.method === 'DELETE' ? 2 : 1);
  for (const op of [...ops].sort((x, y) => order(x) - order(y))) {
    const key = `${op.method} ${op.path}`;
    const rule = RULES[key];
    if (!rule) {
      await check(`${key} (${op.service}) has an access rule`, async () => {
        // Still refused without a session, whatever the id; then fail: someone must say who may use it.
        const missing = fill(op.path, missingValues(op.path));
        for (const who of NOT_A_SESSION) {
          const status = await call(op.method, missing, tokens[who], {});
          assert.ok(status === 401 || status === 403, `${who}: HTTP ${status}`);
        }
        assert.fail(`no rule for ${key} in web/e2e/access-matrix.e2e.mjs RULES: state who may use it`);
      });
      continue;
    }
    if (rule.public) {
      await check(`${key} is public (${rule.why}) and answers a missing id without a server error`, async () => {
        const status = await call(op.method, fill(op.path, missingValues(op.path)), null, rule.body);
        assert.ok(status < 500, `HTTP ${status}`);
      });
      continue;
    }
    await check(`${key}: only ${rule.allow.length ? rule.allow.join(', ') : 'no session at all'} may succeed`, async () => {
      const real = fill(op.path, Object.fromEntries(Object.entries(rule.params).map(([p, f]) => [p, fixtures[f]])));
      const missing = fill(op.path, missingValues(op.path));
      const seen = [];
      for (const who of IDENTITIES.filter((i) => !rule.allow.includes(i))) {
        const status = await call(op.method, real, tokens[who], rule.body);
        seen.push(`${who} ${status}`);
        assert.ok(!ok(status) && status < 500, `${who} got HTTP ${status} on ${real}`);
        if (NOT_A_SESSION.has(who) && !rule.capability) {
          assert.ok(status === 401 || status === 403, `${who} got HTTP ${status} instead of 401/403`);
        }
        if (!rule.selfScoped && (rule.capability || !NOT_A_SESSION.has(who))) {
          const absent = await call(op.method, missing, tokens[who], rule.body);
          assert.equal(status, absent, `${who}: HTTP ${status} on someone else's id but ${absent} on a missing one`);
        }
      }
      const probe = rule.probe ?? op.method === 'GET';
      if (probe && rule.allow.length) {
        const owner = rule.allow[0];
        const status = await call(op.method, real, tokens[owner], rule.body);
        seen.push(`${owner} ${status}`);
        if (op.method === 'GET') assert.ok(ok(status), `the owner (${owner}) got HTTP ${status}`);
        else assert.ok(![401, 403, 404].includes(status) && status < 500, `the owner (${owner}) was refused: HTTP ${status}`);
      }
      console.log(`  ${seen.join(', ')}`);
    });
  }
});
