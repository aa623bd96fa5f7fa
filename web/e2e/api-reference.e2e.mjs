// The API reference at the gateway: the merged document covers every service, passes the checked-in lint rules
// (redocly.yaml) with no error, as does each service's own document, /api/docs renders it in Chromium, and it is
// still the snapshot the web's types are generated from (web/lib/api/), and real answers of a handful of operations
// have the shape it promises (every required property present, null only where the schema admits it).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { apiCall, ARTIFACTS, BASE_URL, check, runScenario, uniqueEmail } from './harness.mjs';
import { SNAPSHOT, snapshotText } from '../scripts/api-snapshot.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REDOCLY = path.join(ROOT, 'web/node_modules/.bin/redocly');
const SERVICES = { auth: 8081, booking: 8082, payment: 8083, video: 8084, clinical: 8085, notification: 8086, pdf: 8087 };
const offset = Number(new URL(BASE_URL).port) - 8080;

/** Runs redocly lint on the files; answers its report (it exits non-zero on any error). */
async function lint(files) {
  try {
    const { stdout, stderr } = await promisify(execFile)(REDOCLY,
      ['lint', '--config', path.join(ROOT, 'redocly.yaml'), '--format', 'summary', ...files],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    return { ok: true, report: stdout + stderr };
  } catch (error) {
    return { ok: false, report: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

async function serviceDocument(name) {
  const port = SERVICES[name] + offset;
  const response = await fetch(`http://127.0.0.1:${port}/v3/api-docs`);
  assert.equal(response.status, 200, `${name}-service /v3/api-docs`);
  return response.json();
}

const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Telemed-Demo-2026!';

/**
 * Where `value` breaks `schema` (resolved in `document`): a required property missing, a null the schema does not
 * admit, or a value of another type. Counts the schemas it went through in `seen`.
 */
function breaches(document, schema, value, where, seen, out = []) {
  if (schema?.$ref) {
    const name = schema.$ref.split('/').pop();
    seen.add(name);
    return breaches(document, document.components.schemas[name], value, `${where}<${name}>`, seen, out);
  }
  if (schema?.anyOf) {
    const nullable = schema.anyOf.some((s) => s.type === 'null');
    if (value === null) {
      if (!nullable) out.push(`${where}: null`);
      return out;
    }
    return breaches(document, schema.anyOf.find((s) => s.type !== 'null'), value, where, seen, out);
  }
  const types = schema?.type === undefined ? [] : [schema.type].flat();
  if (value === null) {
    if (types.length > 0 && !types.includes('null')) out.push(`${where}: null, but the schema says ${types.join('|')}`);
    return out;
  }
  const kind = Array.isArray(value) ? 'array' : typeof value === 'number'
    ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
  if (types.length > 0 && !types.includes(kind) && !(kind === 'integer' && types.includes('number'))) {
    out.push(`${where}: ${kind}, but the schema says ${types.join('|')}`);
    return out;
  }
  if (kind === 'array' && schema.items) value.forEach((item, i) => breaches(document, schema.items, item, `${where}[${i}]`, seen, out));
  if (kind === 'object' && schema.properties) {
    for (const name of schema.required ?? []) if (!(name in value)) out.push(`${where}.${name}: missing`);
    for (const [name, property] of Object.entries(schema.properties)) {
      if (name in value) breaches(document, property, value[name], `${where}.${name}`, seen, out);
    }
  }
  return out;
}

/** The documented path a concrete one matches (`/x/42` → `/x/{id}`). */
const templateOf = (document, apiPath) => Object.keys(document.paths)
  .find((p) => new RegExp(`^${p.replace(/\{[^}]+}/g, '[^/]+')}$`).test(apiPath)) ?? apiPath;

/** The schema of an operation's success answer in the merged document. */
function answerSchema(document, method, apiPath, status) {
  const operation = document.paths[apiPath]?.[method.toLowerCase()];
  assert.ok(operation, `${method} ${apiPath} is not in the reference`);
  const content = operation.responses[String(status)]?.content ?? {};
  const media = Object.values(content)[0];
  assert.ok(media?.schema, `${method} ${apiPath} documents no ${status} body`);
  return media.schema;
}

await runScenario(async (page) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'telemed-openapi-'));
  let merged;

  await check('GET /api/openapi.json merges every service, only as the gateway routes them', async () => {
    const response = await fetch(`${BASE_URL}/api/openapi.json`);
    assert.equal(response.status, 200);
    merged = await response.json();
    assert.equal(merged['x-unavailable-services'], undefined, `missing: ${merged['x-unavailable-services']}`);
    const paths = Object.keys(merged.paths);
    assert.ok(paths.length >= 40, `only ${paths.length} paths`);
    assert.ok(paths.every((p) => p.startsWith('/api/')), 'a path outside /api/ is documented');
    for (const expected of ['/api/v1/auth/login', '/api/v1/consultations/public/book', '/api/v1/payments/webhook',
      '/api/v1/doctor/patients/{id}/history', '/api/v1/templates']) {
      assert.ok(paths.some((p) => p.replace(/\{[^}]+}/g, '{id}') === expected.replace(/\{[^}]+}/g, '{id}')),
        `${expected} is not in the reference`);
    }
    const operations = paths.flatMap((p) => Object.values(merged.paths[p]));
    assert.ok(operations.every((op) => op.summary), 'an operation without a summary');
  });

  await check('the web\'s API types are generated from this very document (web/lib/api/openapi.json)', async () => {
    const live = snapshotText(merged);
    if (live !== await readFile(SNAPSHOT, 'utf8')) {
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(path.join(ARTIFACTS, 'openapi.json'), live);
      assert.fail('the API changed: run make api-types (with make dev running) and commit web/lib/api/ '
        + '(the running document is in web/e2e/artifacts/openapi.json)');
    }
  });

  await check('real answers have the documented shape: required properties present, null only where nullable', async () => {
    const signIn = (email) => apiCall('POST', '/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD }, expect: 200 });
    const admin = await signIn('admin@telemed.local');
    const doctor = await signIn('doctor1@telemed.local');
    const doctors = await apiCall('GET', '/api/v1/consultations/public/doctors', { expect: 200 });
    const bookable = doctors.body.find((d) => d.next_slots.length > 0);
    assert.ok(bookable, 'no doctor with a free slot to book');
    const booked = await apiCall('POST', '/api/v1/consultations/public/book', {
      body: { doctor_id: bookable.id, scheduled_at: bookable.next_slots[0].starts_at, full_name: 'Paciente Referencia',
        email: uniqueEmail('reference-patient'), phone: '+34 600 000 003', locale: 'es', timezone: 'Europe/Madrid' },
    });
    assert.ok([200, 201].includes(booked.status), `book: HTTP ${booked.status}`);
    // Paid straight away, so this hold does not count against the address's cap in the scenarios that follow.
    const checkout = await apiCall('POST', '/api/v1/payments/checkout-session', {
      body: { consultation_id: booked.body.consultation_id, checkout_token: booked.body.next_step.checkout_token,
        success_url: `${BASE_URL}/reserva/pago/exito`, cancel_url: `${BASE_URL}/reserva/pago/cancelado` },
    });
    assert.ok([200, 201].includes(checkout.status), `checkout: HTTP ${checkout.status}`);
    const paid = await fetch(`${BASE_URL}/dev/checkout/${encodeURIComponent(checkout.body.session_id)}/pay`,
      { method: 'POST', redirect: 'manual' });
    assert.equal(paid.status, 303);
    const today = new Date().toISOString().slice(0, 10);
    const answers = [
      ['POST', '/api/v1/auth/login', 200, admin.body],
      ['GET', '/api/v1/consultations/public/doctors', 200, doctors.body],
      ['POST', '/api/v1/consultations/public/book', booked.status, booked.body],
      ['POST', '/api/v1/payments/checkout-session', checkout.status, checkout.body],
      ...await Promise.all([
        ['/api/v1/auth/me', admin], ['/api/v1/admin/consultations', admin], ['/api/v1/admin/patients', admin],
        [`/api/v1/admin/consultations/summary?date=${today}&tz=Europe/Madrid`, admin],
        ['/api/v1/admin/medical-professionals', admin], ['/api/v1/admin/notifications', admin],
        ['/api/v1/payments/admin/payments', admin], ['/api/v1/doctor/agenda', doctor],
        ['/api/v1/doctor/dashboard', doctor], ['/api/v1/doctor/consultations', doctor], ['/api/v1/doctor/patients', doctor],
        ['/api/v1/payments/doctor/payments?period=month', doctor], ['/api/v1/templates', doctor],
        ['/api/v1/doctor/records/drafts', doctor], ['/api/v1/auth/mfa', doctor],
        [`/api/v1/payments/checkout-session/${encodeURIComponent(checkout.body.session_id)}`, admin],
      ].map(async ([url, who]) => ['GET', templateOf(merged, url.split('?')[0]), 200,
        (await apiCall('GET', url, { token: who.body.access_token, expect: 200 })).body])),
    ];
    const seen = new Set();
    const found = answers.flatMap(([method, apiPath, status, body]) =>
      breaches(merged, answerSchema(merged, method, apiPath, status), body, `${method} ${apiPath}`, seen));
    console.log(`  | ${answers.length} answers checked against ${seen.size} schemas`);
    assert.deepEqual(found, []);
    assert.ok(seen.size >= 20, `only ${seen.size} schemas met`);
  });

  await check('redocly lint: 0 errors in the merged document and in each service\'s own', async () => {
    const files = [path.join(dir, 'telemed.json')];
    await writeFile(files[0], JSON.stringify(merged));
    for (const name of Object.keys(SERVICES)) {
      const file = path.join(dir, `${name}.json`);
      await writeFile(file, JSON.stringify(await serviceDocument(name)));
      files.push(file);
    }
    const { ok, report } = await lint(files);
    console.log(report.split('\n').filter((l) => /error|warning|valid/i.test(l)).slice(0, 20).map((l) => `  | ${l}`).join('\n'));
    assert.ok(ok, `redocly found errors:\n${report.slice(-3000)}`);
  });

  await check('/api/docs renders the reference in the browser, with nothing refused or blocked', async () => {
    const refused = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) refused.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => refused.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused/.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${BASE_URL}/api/docs`);
    await page.locator('.opblock-tag').first().waitFor();
    const tags = await page.locator('.opblock-tag').count();
    assert.ok(tags >= 10, `only ${tags} feature groups shown`);
    assert.match(await page.locator('.info .title').innerText(), /Telemed API/);
    await page.locator('.opblock-tag').first().click();
    await page.locator('.opblock').first().waitFor();
    assert.deepEqual(refused, [], `refused or blocked: ${refused.join(' | ')}`);
  });
});
