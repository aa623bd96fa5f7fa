// Browser test of a staff member's account security (one scenario of `npm run test:e2e`; see harness.mjs): a new
// doctor turns on two-step verification, is shown ten recovery codes once, signs in again with one of them in place
// of the app's code, makes a new set on /cuenta/seguridad (password and code again) and turns the second step off
// with the password and a recovery code.
import assert from 'node:assert/strict';
import { apiCall, BASE_URL, check, mailbox, REGISTRATION_TOKEN, runScenario, screenshot, totp, uniqueEmail } from './harness.mjs';
import { temporaryPasswordIn } from './staff-login-mail.mjs';

const PASSWORD = `Seguridad-Cuenta-${Date.now() % 100000}`;

async function signIn(page, email) {
  // Leave the staff pages first: cleared under a signed-in page, the session's guard would navigate to /login itself
  // and abort this navigation.
  await page.goto(`${BASE_URL}/`, { waitUntil: 'load' });
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${BASE_URL}/login`, { waitUntil: 'load' });
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

async function codesShown(page) {
  const list = page.getByTestId('recovery-codes');
  await list.waitFor();
  return (await list.locator('code').allInnerTexts()).map((c) => c.trim());
}

await runScenario(async (page) => {
  const email = uniqueEmail('seguridad');
  let secret;
  let codes;

  await check('a new doctor with a password of their own', async () => {
    await apiCall('POST', '/api/v1/auth/register-medical-professional', {
      body: { email, full_name: 'Dra. Segura', license_number: `SEC-${Date.now()}`, specialty: 'Medicina general',
        registration_token: REGISTRATION_TOKEN },
      expect: 201,
    });
    const [welcome] = await mailbox(email);
    const limited = await apiCall('POST', '/api/v1/auth/login-temporary', {
      body: { email, temporary_password: temporaryPasswordIn(welcome) }, expect: 200,
    });
    await apiCall('POST', '/api/v1/auth/change-password', {
      token: limited.body.access_token, body: { new_password: PASSWORD }, expect: 200,
    });
  });

  await check('the security page says two-step verification is off and leads to turning it on', async () => {
    await signIn(page, email);
    await page.waitForURL((url) => url.pathname === '/doctor');
    await page.getByRole('link', { name: 'Seguridad' }).click();
    await page.waitForURL((url) => url.pathname === '/cuenta/seguridad');
    await page.getByTestId('mfa-status').filter({ hasText: 'desactivada' }).waitFor();
    await page.getByRole('link', { name: 'Activar verificación en dos pasos' }).click();
    await page.waitForURL((url) => url.pathname === '/login/mfa/activar');
  });

  await check('turning it on shows ten recovery codes once, then goes back to the security page', async () => {
    secret = (await page.getByTestId('mfa-secret').innerText()).trim();
    await page.getByLabel('Código', { exact: true }).fill(totp(secret));
    await page.getByRole('button', { name: 'Activar' }).click();
    codes = await codesShown(page);
    assert.equal(codes.length, 10);
    assert.ok(codes.every((c) => /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/.test(c)), codes.join(' '));
    await page.getByTestId('mfa-continue').click();
    await page.waitForURL((url) => url.pathname === '/cuenta/seguridad');
    await page.getByTestId('mfa-status').filter({ hasText: 'Te quedan 10 códigos' }).waitFor();
  });

  await check('a recovery code stands in for the app code at sign-in, once', async () => {
    await signIn(page, email);
    await page.waitForURL((url) => url.pathname === '/login/mfa');
    await page.getByLabel('Código', { exact: true }).fill(codes[0].toUpperCase());
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.waitForURL((url) => url.pathname === '/doctor');
    await signIn(page, email);
    await page.waitForURL((url) => url.pathname === '/login/mfa');
    await page.getByLabel('Código', { exact: true }).fill(codes[0]);
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByText('El código no es válido.').waitFor();
  });

  await check('a new set of codes takes the password and a code; a wrong password changes nothing', async () => {
    await page.getByLabel('Código', { exact: true }).fill(totp(secret, 1));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.waitForURL((url) => url.pathname === '/doctor');
    await page.goto(`${BASE_URL}/cuenta/seguridad`, { waitUntil: 'load' });
    await page.getByTestId('mfa-status').filter({ hasText: 'Te quedan 9 códigos' }).waitFor();
    await page.getByLabel('Contraseña actual').fill('No-Es-La-Clave-1');
    await page.getByLabel('Código', { exact: true }).fill(codes[1]);
    await page.getByRole('button', { name: 'Generar códigos nuevos' }).click();
    await page.getByText('La contraseña o el código no son correctos.').waitFor();
    await page.getByLabel('Contraseña actual').fill(PASSWORD);
    await page.getByLabel('Código', { exact: true }).fill(codes[2]);
    await page.getByRole('button', { name: 'Generar códigos nuevos' }).click();
    const fresh = await codesShown(page);
    assert.equal(fresh.length, 10);
    assert.ok(fresh.every((c) => !codes.includes(c)));
    codes = fresh;
    await page.getByTestId('mfa-status').filter({ hasText: 'Te quedan 10 códigos' }).waitFor();
  });

  await check('turning it off with the password and a recovery code; the next sign-in has one step', async () => {
    await page.getByLabel('Contraseña actual').fill(PASSWORD);
    await page.getByLabel('Código', { exact: true }).fill(codes[0]);
    await page.getByTestId('mfa-disable').click();
    await page.getByTestId('mfa-status').filter({ hasText: 'desactivada' }).waitFor();
    await screenshot(page, 'account-security');
    await signIn(page, email);
    await page.waitForURL((url) => url.pathname === '/doctor');
  });
});
