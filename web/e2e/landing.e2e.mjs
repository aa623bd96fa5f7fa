// Browser test of the landing page (one scenario of `npm run test:e2e`; see harness.mjs).
import assert from 'node:assert/strict';
import { BASE_URL, check, runScenario, screenshot } from './harness.mjs';

const ES_HEADLINE = 'Tu consulta médica por videollamada, sin crear una cuenta';
const EN_HEADLINE = 'See a doctor by video call, no account needed';

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

// An English browser still gets Spanish: the language comes only from the `lang` cookie.
await runScenario(async (page) => {
  const main = page.locator('main');

  await check('landing page is served in Spanish by default', async () => {
    const response = await page.goto(`${BASE_URL}/`, { waitUntil: 'load' });
    assert.ok(response, 'no response');
    assert.equal(response.status(), 200, 'HTTP status');
    assert.equal(await htmlLang(page), 'es', '<html lang>');
    const h1 = page.getByRole('heading', { level: 1 });
    await h1.waitFor({ state: 'visible' });
    assert.equal((await h1.innerText()).trim(), ES_HEADLINE);
    await screenshot(page, 'landing');
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
    await screenshot(page, 'landing-en');
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
    await screenshot(page, 'landing-mobile');
  });
});
