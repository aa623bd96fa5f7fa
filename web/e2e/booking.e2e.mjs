// Browser test of the public booking flow (/reserva) up to the payment step, with the messages for a slot that
// was just taken and for a hold that ran out. Needs a bookable doctor: one already in the directory (the demo
// doctors of local mode), else one registered here through the staff registration API, who gets the local-mode
// default profile (Monday to Friday, 09:00-17:00 Europe/Madrid).
import assert from 'node:assert/strict';
import { BASE_URL, REGISTRATION_TOKEN, apiCall, check, runScenario, screenshot, uniqueEmail } from './harness.mjs';

async function bookableDoctor() {
  const listed = await apiCall('GET', '/api/v1/consultations/public/doctors', { expect: 200 });
  const ready = listed.body.find((d) => d.next_slots.length > 0);
  if (ready) return ready;
  const specialty = `Dermatología E2E ${Date.now()}`;
  const registered = await apiCall('POST', '/api/v1/auth/register-medical-professional', {
    body: {
      email: uniqueEmail('doctor'),
      full_name: 'Dra. Elena Prueba',
      license_number: `E2E-${Date.now()}`,
      specialty,
      registration_token: REGISTRATION_TOKEN,
    },
  });
  assert.equal(registered.status, 201, `no doctor in the directory and registration answered ${registered.status}`);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { body } = await apiCall('GET', `/api/v1/consultations/public/doctors?specialty=${encodeURIComponent(specialty)}`, {
      expect: 200,
    });
    if (body.length > 0 && body[0].next_slots.length > 0) return body[0];
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the registered doctor never appeared in the directory');
}

/** From the specialty step to the first free slot of the doctor (clicking through days without slots). */
async function pickFirstSlot(page, doctor) {
  await page.getByTestId('booking-specialty').filter({ hasText: doctor.specialty }).first().click();
  await page.locator(`[data-testid="booking-doctor"][data-doctor-id="${doctor.id}"]`).click();
  const days = page.getByTestId('booking-day');
  const count = await days.count();
  for (let i = 0; i < count; i++) {
    await days.nth(i).click();
    const slots = page.getByTestId('booking-slot');
    const none = page.getByText(/No quedan horas libres|No free times left/);
    await Promise.race([slots.first().waitFor(), none.waitFor()]);
    if ((await slots.count()) > 0) {
      const first = slots.first();
      const startsAt = await first.getAttribute('data-starts-at');
      await first.click();
      return { startsAt, day: i };
    }
  }
  throw new Error('no free slot in the next 14 days');
}

async function fillDetails(page, email) {
  await page.getByLabel('Nombre y apellidos').fill('Paciente E2E');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Teléfono').fill('+34 600 000 000');
  await page.getByLabel('Motivo de la consulta (opcional)').fill('Revisión');
}

/** Signs the browser in as the local-mode demo admin (the session the login page would store). */
async function signInAsDemoAdmin(page) {
  const login = await apiCall('POST', '/api/v1/auth/login', {
    body: { email: 'admin@telemed.local', password: process.env.DEMO_PASSWORD || 'Telemed-Demo-2026!' },
  });
  assert.equal(login.status, 200, `demo admin login answered ${login.status}`);
  const tokens = login.body;
  await page.goto(`${BASE_URL}/`, { waitUntil: 'load' });
  // expires_at on the browser's own clock (the scenario moves it forward to let a hold run out).
  await page.evaluate(({ access_token, refresh_token, role, expires_in }) => sessionStorage.setItem('telemed.session',
    JSON.stringify({ access_token, refresh_token, role, expires_at: Date.now() + expires_in * 1000 })), tokens);
}

await runScenario(async (page) => {
  let doctor;

  await check('a bookable doctor is in the public directory', async () => {
    doctor = await bookableDoctor();
    assert.ok(doctor.id > 0);
    assert.ok(doctor.next_slots.length > 0, 'doctor has free slots');
  });
  if (!doctor) return;

  await check('/reserva and /booking open the booking flow in Spanish', async () => {
    for (const path of ['/booking', '/reserva']) {
      const response = await page.goto(`${BASE_URL}${path}`, { waitUntil: 'load' });
      assert.equal(response?.status(), 200, `${path} HTTP status`);
      await page.getByRole('heading', { level: 1, name: 'Reservar una videoconsulta' }).waitFor();
    }
    await page.getByTestId('booking-specialty').first().waitFor();
    await screenshot(page, 'booking-specialties');
  });

  await check('a slot taken meanwhile by someone else is explained and the flow goes back to the times', async () => {
    const { startsAt, day } = await pickFirstSlot(page, doctor);
    const shown = await page.getByTestId('booking-when').innerText();
    assert.ok(shown.length > 0, 'chosen time shown');
    await fillDetails(page, uniqueEmail('late'));
    // Someone else books the same slot first.
    await apiCall('POST', '/api/v1/consultations/public/book', {
      expect: 201,
      body: {
        doctor_id: doctor.id, specialty: doctor.specialty, scheduled_at: startsAt, full_name: 'Otra Persona',
        email: uniqueEmail('first'), phone: '+34 600 111 111', reason_for_visit: '', locale: 'es', timezone: 'Europe/Madrid',
      },
    });
    await page.getByRole('button', { name: 'Reservar y continuar al pago' }).click();
    const message = page.getByTestId('booking-message');
    await message.waitFor();
    assert.match(await message.innerText(), /acaba de reservar por otra persona/);
    await page.getByRole('heading', { name: 'Elige un día' }).waitFor();
    await page.getByTestId('booking-day').nth(day).click();
    await Promise.race([
      page.getByTestId('booking-slot').first().waitFor(),
      page.getByText(/No quedan horas libres/).waitFor(),
    ]);
    const stillOffered = await page.locator(`[data-testid="booking-slot"][data-starts-at="${startsAt}"]`).count();
    assert.equal(stillOffered, 0, 'the taken slot is no longer offered');
    await screenshot(page, 'booking-slot-taken');
  });

  await check('an invalid email is refused with a clear message and nothing is booked', async () => {
    await page.goto(`${BASE_URL}/reserva`, { waitUntil: 'load' });
    await pickFirstSlot(page, doctor);
    await fillDetails(page, 'no-es-un-correo');
    await page.getByRole('button', { name: 'Reservar y continuar al pago' }).click();
    await page.getByText('Escribe un correo electrónico válido.').waitFor();
    assert.equal(await page.getByTestId('booking-payment').count(), 0);
  });

  let consultationId;
  await check('details then the payment step with the consultation and its 30-minute hold', async () => {
    await page.clock.install();
    await page.goto(`${BASE_URL}/reserva`, { waitUntil: 'load' });
    await pickFirstSlot(page, doctor);
    await fillDetails(page, uniqueEmail('patient'));
    await page.getByRole('button', { name: 'Reservar y continuar al pago' }).click();
    const payment = page.getByTestId('booking-payment');
    await payment.waitFor();
    const idText = await page.getByTestId('booking-consultation-id').innerText();
    consultationId = Number(idText.replace(/\D/g, ''));
    assert.ok(consultationId > 0, `consultation id in "${idText}"`);
    assert.match(await page.getByTestId('booking-hold').innerText(), /Tu reserva se mantiene hasta las \d{2}:\d{2}/);
    assert.match(await payment.innerText(), /Quedan (29|30) min/);
    await page.getByRole('button', { name: 'Continuar al pago' }).waitFor();
    await screenshot(page, 'booking-payment');
  });

  await check('when the hold runs out the patient is told and sent back to choose a time', async () => {
    await page.clock.fastForward('31:00');
    const message = page.getByTestId('booking-message');
    await message.waitFor();
    assert.match(await message.innerText(), /El tiempo para pagar ha terminado/);
    await page.getByRole('heading', { name: 'Elige un día' }).waitFor();
    await screenshot(page, 'booking-hold-expired');
  });

  await check('the patient link page refuses a made-up token', async () => {
    await page.goto(`${BASE_URL}/reserva/gestionar?id=${consultationId ?? 1}&token=not-a-token`, { waitUntil: 'load' });
    await page.getByText('Este enlace no es válido o ha caducado.', { exact: false }).waitFor();
  });

  await check('an admin sees the booking on /admin/consultations and cancels it', async () => {
    await signInAsDemoAdmin(page);
    await page.goto(`${BASE_URL}/admin`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Consultas de hoy' }).waitFor();
    await page.getByTestId('count-pending_payment').waitFor();
    await page.goto(`${BASE_URL}/admin/consultations`, { waitUntil: 'load' });
    await page.getByLabel('Estado', { exact: true }).selectOption('pending_payment');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    const status = page.locator(`#status-${consultationId}`);
    await status.waitFor();
    await status.selectOption('cancelled');
    await status.locator('xpath=..').getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Cambios guardados.').waitFor();
    await screenshot(page, 'booking-admin-consultations');
    await page.goto(`${BASE_URL}/admin/patients`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Pacientes' }).waitFor();
    await page.getByText('Paciente E2E').first().waitFor();
    await page.evaluate(() => sessionStorage.clear());
  });

  await check('/mis-consultas and /admin send a visitor without a session to sign in', async () => {
    await page.goto(`${BASE_URL}/mis-consultas`, { waitUntil: 'load' });
    await page.waitForURL(/\/acceso\?next=%2Fmis-consultas/);
    await page.goto(`${BASE_URL}/admin/consultations`, { waitUntil: 'load' });
    await page.waitForURL(/\/login\?next=%2Fadmin%2Fconsultations/);
  });
});
