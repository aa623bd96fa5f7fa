// Browser test of staff access (one scenario of `npm run test:e2e`; see harness.mjs): the IT team signs in
// with the demo account, registers a doctor from the IT panel, the doctor reads the temporary password from the
// dev mailbox, is made to choose a new one at the first sign-in, and then signs in with it and lands on /doctor.
import assert from 'node:assert/strict';
import { BASE_URL, check, mailbox, runScenario, screenshot, uniqueEmail } from './harness.mjs';
import { temporaryPasswordIn } from './staff-login-mail.mjs';

const IT_EMAIL = 'it@telemed.local';
const DEMO_PASSWORD = 'Telemed-Demo-2026!';
const NEW_PASSWORD = `Consulta-Segura-${Date.now() % 100000}`;

async function signIn(page, email, password) {
  await page.goto(`${BASE_URL}/login`, { waitUntil: 'load' });
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
}

await runScenario(async (page) => {
  const doctorEmail = uniqueEmail('doctor');
  let temporary;

  await check('a wrong password shows the error and stays on /login', async () => {
    await signIn(page, IT_EMAIL, 'Not-The-Demo-Password-1');
    const error = page.getByTestId('login-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.innerText(), /correo o la contraseña no son correctos/);
    assert.equal(new URL(page.url()).pathname, '/login');
  });

  await check('the demo it_admin lands on the IT panel with their name and a sign-out button', async () => {
    await signIn(page, IT_EMAIL, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/it/medical-professionals');
    await page.getByRole('heading', { level: 1, name: 'Profesionales médicos' }).waitFor();
    assert.equal((await page.getByTestId('staff-name').innerText()).trim(), 'Equipo IT');
    await page.getByRole('button', { name: 'Cerrar sesión' }).waitFor();
    await page.getByTestId('professionals').waitFor();
  });

  const specialty = `Cardiología ${Date.now() % 1e6}`;
  await check('the IT panel registers a doctor', async () => {
    const form = page.getByRole('form', { name: 'Registrar un médico' });
    await form.getByLabel('Correo').fill(doctorEmail);
    await form.getByLabel('Nombre completo').fill('Dra. Elena Prueba');
    await form.getByLabel('Nº de colegiado').fill(`E2E-${Date.now() % 1e6}`);
    await form.getByLabel('Especialidad').fill(specialty);
    await form.getByRole('button', { name: 'Registrar' }).click();
    const result = page.getByTestId('register-result');
    await result.waitFor();
    assert.match(await result.innerText(), /Registrado/);
    // Other scenarios register doctors too: the list is paged, so find the new one by its specialty.
    await page.locator('#filter-specialty').fill(specialty);
    await page.getByRole('button', { name: 'Filtrar' }).first().click();
    await page.locator(`tr[data-email="${doctorEmail}"]`).waitFor();
    await screenshot(page, 'staff-it-panel');
  });

  await check('the temporary password arrives in the dev mailbox', async () => {
    const [message] = await mailbox(doctorEmail);
    temporary = temporaryPasswordIn(message);
    assert.equal(temporary.length, 18);
  });

  await check('the IT user signs out', async () => {
    await signOut(page);
  });

  await check('the first sign-in forces a new password and then lands on /doctor', async () => {
    await signIn(page, doctorEmail, temporary);
    await page.waitForURL((url) => url.pathname === '/login/cambiar-contrasena');
    await page.getByLabel('Contraseña nueva', { exact: true }).fill('corta');
    await page.getByLabel('Repite la contraseña nueva').fill('corta');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByTestId('change-error').waitFor();
    await page.getByLabel('Contraseña nueva', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repite la contraseña nueva').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.waitForURL((url) => url.pathname === '/doctor');
    await page.getByTestId('doctor-hello').filter({ hasText: 'Dra. Elena Prueba' }).waitFor();
  });

  await check('after signing out, /doctor asks for sign-in again', async () => {
    await signOut(page);
    await page.goto(`${BASE_URL}/doctor`, { waitUntil: 'load' });
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/doctor');
  });

  await check('the new password signs in and lands on /doctor', async () => {
    await signIn(page, doctorEmail, NEW_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/doctor');
    await page.getByTestId('doctor-hello').filter({ hasText: 'Dra. Elena Prueba' }).waitFor();
    await screenshot(page, 'staff-doctor-home');
  });

  await check('the temporary password no longer works', async () => {
    await signOut(page);
    await signIn(page, doctorEmail, temporary);
    await page.getByTestId('login-error').waitFor({ state: 'visible' });
  });
});
