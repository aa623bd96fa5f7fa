// Shared plumbing of the browser tests: a headless Chromium, named checks, the closing tally, and the
// platform's own test hooks (the dev mailbox). Each `*.e2e.mjs` file is one scenario run by run-all.mjs.
//
//   BASE_URL         site to test (default http://localhost:8080, the gateway)
//   CHROMIUM_PATH    Chromium/Chrome binary (default /usr/bin/chromium)
//   E2E_JWT_SIGNING_KEY_FILE  the platform's token signing key, for tokens no sign-in gives (default: the devstack's,
//                    under E2E_STATE_DIR)
import { createHmac, sign as cryptoSign } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.BASE_URL || 'http://localhost:8080').replace(/\/+$/, '');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
export const TIMEOUT = 15_000;
/** The registration secret of the platform under test (make dev and the e2e stack use the default). */
export const REGISTRATION_TOKEN = process.env.REGISTRATION_TOKEN || 'dev-registration-token';

const results = [];

/** Runs one named check; a failure is recorded and printed, and the scenario goes on. */
export async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok - ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name}`);
    console.log(`  ${String(error?.message ?? error).split('\n').join('\n  ')}`);
  }
}

/**
 * Opens a fresh browser profile, hands a page to `scenario`, then closes everything and exits with the tally
 * ("N passed, N failed"; non-zero when any check failed or none ran). `args`: more Chromium flags (e.g. a fake
 * camera).
 */
export async function runScenario(scenario, { locale = 'en-US', args = [] } = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'telemed-e2e-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...args,
      ],
      viewport: { width: 1280, height: 800 },
      locale,
    });
    context.setDefaultTimeout(TIMEOUT);
    const page = context.pages()[0] ?? (await context.newPage());
    await scenario(page, context);
  } catch (error) {
    results.push({ name: 'browser setup', ok: false });
    console.log('not ok - browser setup');
    console.log(`  ${error?.stack ?? error?.message ?? error}`);
  } finally {
    await context?.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

export function screenshot(page, name) {
  return page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A unique address for one run, so scenarios never see each other's data. */
export function uniqueEmail(prefix) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.telemed.test`;
}

/**
 * The messages the dev mailbox holds for an address, newest first; waits until at least `atLeast` are there.
 * Each has subject, text, html, links and created_at.
 */
export async function mailbox(to, { atLeast = 1, timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let messages = [];
  while (Date.now() < deadline) {
    const response = await fetch(`${BASE_URL}/dev/mailbox/api/messages?to=${encodeURIComponent(to)}`);
    if (response.ok) {
      messages = await response.json();
      if (messages.length >= atLeast) {
        return messages;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`mailbox of ${to}: ${messages.length} message(s) after ${timeoutMs} ms, wanted ${atLeast}`);
}

/** JSON call to the API through the gateway, for setting up a scenario's data. */
export async function apiCall(method, apiPath, { body, token, expect } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${BASE_URL}${apiPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (expect !== undefined && response.status !== expect) {
    throw new Error(`${method} ${apiPath}: HTTP ${response.status}, wanted ${expect}: ${text.slice(0, 400)}`);
  }
  return { status: response.status, body: json };
}

/** RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) for a base32 secret, `offsetSteps` steps from now. */
export function totp(secret, offsetSteps = 0) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + offsetSteps));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * The platform's token signing key (PKCS#8 PEM), for tokens no sign-in hands out (an expired one): the file named
 * by E2E_JWT_SIGNING_KEY_FILE, or the one the devstack keeps in its state directory (E2E_STATE_DIR).
 */
export async function signingKeyPem() {
  const file = process.env.E2E_JWT_SIGNING_KEY_FILE
    || (process.env.E2E_STATE_DIR && path.join(process.env.E2E_STATE_DIR, 'auth', 'jwt-signing-key.pem'));
  if (!file) throw new Error('set E2E_JWT_SIGNING_KEY_FILE (or E2E_STATE_DIR) to sign test tokens');
  return readFile(file, 'utf8');
}

/** An RS256 access token signed like auth-service's (kid from the published JWKS), with the claims given. */
export async function signToken(claims) {
  const jwks = await apiCall('GET', '/api/v1/auth/.well-known/jwks.json', { expect: 200 });
  const kid = jwks.body.keys[0].kid;
  const now = Math.floor(Date.now() / 1000);
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'RS256', typ: 'JWT', kid });
  const payload = encode({ iss: 'telemed-auth', aud: 'telemed', iat: now, exp: now + 900, ...claims });
  const signature = cryptoSign('RSA-SHA256', Buffer.from(`${header}.${payload}`), await signingKeyPem());
  return `${header}.${payload}.${signature.toString('base64url')}`;
}
