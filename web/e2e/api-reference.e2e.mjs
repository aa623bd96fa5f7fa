// The API reference at the gateway: the merged document covers every service, passes the checked-in lint rules
// (redocly.yaml) with no error, as does each service's own document, /api/docs renders it in Chromium, and it is
// still the snapshot the web's types are generated from (web/lib/api/).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ARTIFACTS, BASE_URL, check, runScenario } from './harness.mjs';
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
