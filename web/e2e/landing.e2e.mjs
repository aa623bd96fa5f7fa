// Browser test of the landing page (run with `npm run test:e2e`).
//
//   BASE_URL         site to test (default http://localhost:8080, the gateway)
//   CHROMIUM_PATH    Chromium/Chrome binary (default /usr/bin/chromium)
//
// Prints one line per check and a closing "N passed, N failed" line; exits
// non-zero if any check fails. Screenshots go to e2e/artifacts/.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:8080').replace(/\/+$/, '');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

const ES_HEADLINE = 'Tu consulta médica por videollamada, sin crear una cuenta';
const EN_HEADLINE = 'See a doctor by video call, no account needed';
const TIMEOUT = 15_000;

const results = [];

async function check(name, fn) {
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

async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

/** Fails unless every matching link is visible and points to `href`. */
async function assertLinks(locator, href) {
  const count = await locator.count();
  assert.ok(count > 0, `no link found for ${locator}`);
  for (let i = 0; i < count; i++) {
    const link = locator.nth(i);
    assert.equal(await link.getAttribute('href'), href, `link #${i + 1} href`);
  }
  assert.ok(await locator.first().isVisible(), 'first link is not visible');
}

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
    ],
    viewport: { width: 1280, height: 800 },
    // An English browser still gets Spanish: the language comes only from the `lang` cookie.
    locale: 'en-US',
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = context.pages()[0] ?? (await context.newPage());
  const main = page.locator('main');

  await check('landing page is served in Spanish by default', async () => {
    const response = await page.goto(`${BASE_URL}/`, { waitUntil: 'load' });
    assert.ok(response, 'no response');
    assert.equal(response.status(), 200, 'HTTP status');
    assert.equal(await htmlLang(page), 'es', '<html lang>');
    const h1 = page.getByRole('heading', { level: 1 });
    await h1.waitFor({ state: 'visible' });
    assert.equal((await h1.innerText()).trim(), ES_HEADLINE);
    await page.screenshot({ path: path.join(ARTIFACTS, 'landing.png'), fullPage: true });
  });

  await check('"Reservar consulta" is visible and links to /reserva', async () => {
    await assertLinks(main.getByRole('link', { name: 'Reservar consulta', exact: true }), '/reserva');
  });

  await check('"Acceso profesionales" links to /login', async () => {
    await assertLinks(page.getByRole('link', { name: 'Acceso profesionales', exact: true }), '/login');
  });

  await check('"how it works" section shows 3 steps', async () => {
    await page.getByRole('heading', { level: 2, name: 'Cómo funciona' }).waitFor({ state: 'visible' });
    assert.equal(await page.locator('ol.steps > li').count(), 3);
  });

  await check('language switch changes the page to English', async () => {
    await page.locator('.lang-switch a[hreflang="en"]').click();
    await page.getByRole('heading', { level: 1, name: EN_HEADLINE }).waitFor({ state: 'visible' });
    assert.equal(await htmlLang(page), 'en', '<html lang>');
    assert.equal(new URL(page.url()).pathname, '/', 'stays on the landing page');
    await assertLinks(main.getByRole('link', { name: 'Book a consultation', exact: true }), '/reserva');
    await assertLinks(page.getByRole('link', { name: 'Professional access', exact: true }), '/login');
    await page.screenshot({ path: path.join(ARTIFACTS, 'landing-en.png'), fullPage: true });
  });

  await check('unknown pages return a localised 404', async () => {
    const response = await page.goto(`${BASE_URL}/no-such-page-e2e`, { waitUntil: 'load' });
    assert.equal(response?.status(), 404, 'HTTP status');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor({ state: 'visible' });
    await page.locator('.lang-switch a[hreflang="es"]').click();
    await page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor({ state: 'visible' });
    assert.equal(await htmlLang(page), 'es', '<html lang>');
  });

  await check('landing page is usable on a small screen', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${BASE_URL}/`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: ES_HEADLINE }).waitFor({ state: 'visible' });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `page scrolls horizontally by ${overflow}px`);
    assert.ok(await main.getByRole('link', { name: 'Reservar consulta', exact: true }).first().isVisible());
    await page.screenshot({ path: path.join(ARTIFACTS, 'landing-mobile.png'), fullPage: true });
  });
} catch (error) {
  results.push({ name: 'browser setup', ok: false });
  console.log('not ok - browser setup');
  console.log(`  ${error?.message ?? error}`);
} finally {
  await context?.close().catch(() => {});
  await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
