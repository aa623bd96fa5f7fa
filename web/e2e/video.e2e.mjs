// Browser test of the video consultation (one scenario of `npm run test:e2e`; see harness.mjs): a patient books
// and pays a consultation with doctor1; doctor1 opens /video-room, passes the device check with Chromium's fake
// camera and starts the video; the patient opens the join link of the confirmation email, passes the same check
// and lands in the same room; the doctor sees the patient connected and ends the consultation, which booking then
// records as completed. Once doctor1 signs a record for it, the patient is emailed the visit summary, whose login
// link opens /mis-consultas with the summary's PDF button.
//
// No internet here: Jitsi's External API script (https://<JITSI_DOMAIN>/external_api.js) is answered in this test
// only by a local stub (context.route below) that draws the room name and display name where Jitsi's iframe
// would be. Everything else is the real platform. The e2e stack opens rooms long before their time
// (TELEMED_VIDEO_OPENS_BEFORE in with-platform.sh), so any free slot of doctor1 can be used.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { apiCall, BASE_URL, check, mailbox, runScenario, screenshot, uniqueEmail } from './harness.mjs';

const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Telemed-Demo-2026!';
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

// Stands in for external_api.js: the same constructor and the calls the page makes, no network.
const JITSI_STUB = `
window.JitsiMeetExternalAPI = function (domain, options) {
  var listeners = {};
  var frame = document.createElement('div');
  frame.setAttribute('data-testid', 'jitsi-stub');
  frame.setAttribute('data-domain', domain);
  frame.setAttribute('data-room', options.roomName);
  frame.setAttribute('data-display-name', (options.userInfo || {}).displayName || '');
  frame.setAttribute('data-jwt', options.jwt ? 'yes' : 'no');
  frame.setAttribute('data-prejoin', String(((options.configOverwrite || {}).prejoinConfig || {}).enabled));
  frame.textContent = 'Jitsi stub: ' + domain + '/' + options.roomName;
  options.parentNode.appendChild(frame);
  this.commands = [];
  this.addListener = function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); };
  this.executeCommand = function (name) { frame.setAttribute('data-command-' + name, 'yes'); };
  this.dispose = function () { frame.remove(); };
  setTimeout(function () { (listeners.videoConferenceJoined || []).forEach(function (fn) { fn({}); }); }, 50);
};`;

function subjectOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')).sub;
}

/** Books and pays (sandbox checkout) a consultation with this doctor at their first free slot tomorrow or later. */
async function paidConsultation(doctorId, patientEmail) {
  const from = new Date(Date.now() + 86400_000);
  const to = new Date(from.getTime() + 14 * 86400_000);
  const slots = await apiCall('GET',
    `/api/v1/consultations/public/doctors/${doctorId}/slots?from=${from.toISOString()}&to=${to.toISOString()}`,
    { expect: 200 });
  assert.ok(slots.body.slots.length > 0, 'doctor1 has free slots');
  const slot = slots.body.slots[Math.floor(Math.random() * slots.body.slots.length)].starts_at;
  const booked = await apiCall('POST', '/api/v1/consultations/public/book', {
    body: { doctor_id: doctorId, scheduled_at: slot, full_name: 'Paciente Vídeo', email: patientEmail,
      phone: '+34 600 000 002', locale: 'es', timezone: 'Europe/Madrid' },
    expect: 201,
  });
  const session = await apiCall('POST', '/api/v1/payments/checkout-session', {
    body: { consultation_id: booked.body.consultation_id, checkout_token: booked.body.next_step.checkout_token,
      success_url: `${BASE_URL}/reserva/pago/exito`, cancel_url: `${BASE_URL}/reserva/pago/cancelado` },
  });
  assert.ok([200, 201].includes(session.status), `checkout: HTTP ${session.status}`);
  const paid = await fetch(`${BASE_URL}/dev/checkout/${encodeURIComponent(session.body.session_id)}/pay`,
    { method: 'POST', redirect: 'manual' });
  assert.equal(paid.status, 303);
  return booked.body.consultation_id;
}

async function signIn(page, email, next) {
  await page.goto(`${BASE_URL}/login?next=${encodeURIComponent(next)}`, { waitUntil: 'load' });
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((url) => url.pathname === new URL(next, BASE_URL).pathname, { timeout: 20_000 });
}

/** Through the device check with the fake camera: a live preview, then ready. */
async function passDeviceCheck(page) {
  await page.getByTestId('device-allow').click();
  const preview = page.getByTestId('camera-preview');
  await preview.waitFor();
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid="camera-preview"]');
    return v && v.srcObject && v.srcObject.getVideoTracks().some((t) => t.readyState === 'live');
  });
  await page.getByTestId('device-ready').click();
}

await runScenario(async (page, context) => {
  await context.route(/\/external_api\.js(\?.*)?$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: JITSI_STUB }));
  const state = {};

  await check('a patient books and pays a consultation with doctor1; the email links to /video-room', async () => {
    const login = await apiCall('POST', '/api/v1/auth/login',
      { body: { email: 'doctor1@telemed.local', password: DEMO_PASSWORD }, expect: 200 });
    const doctorId = Number(subjectOf(login.body.access_token));
    state.patient = uniqueEmail('video-patient');
    state.id = await paidConsultation(doctorId, state.patient);
    const deadline = Date.now() + 30_000;
    let confirmation;
    while (!confirmation && Date.now() < deadline) {
      confirmation = (await mailbox(state.patient)).find((m) => m.type === 'booking-confirmation');
      if (!confirmation) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.ok(confirmation, 'the confirmation email arrived');
    state.link = confirmation.links.find((l) => new URL(l).pathname === '/video-room');
    assert.ok(state.link, `a /video-room link in ${JSON.stringify(confirmation.links)}`);
    assert.equal(new URL(state.link).searchParams.get('consultation'), String(state.id));
  });

  await check('nobody without the link or a token gets in: the not-found page', async () => {
    const stranger = await context.newPage();
    await stranger.goto(`${BASE_URL}/video-room?consultation=${state.id}&token=not-the-token`, { waitUntil: 'load' });
    await stranger.getByTestId('video-not-found').waitFor();
    assert.equal(await stranger.getByTestId('room-name').count(), 0);
    await stranger.close();
  });

  await check('doctor1 passes the device check and starts the video', async () => {
    await signIn(page, 'doctor1@telemed.local', `/video-room?consultation=${state.id}`);
    await page.locator('[data-testid="video-room"][data-role="doctor"][data-state="waiting"]').waitFor();
    await passDeviceCheck(page);
    await page.getByTestId('start-video').click();
    await page.locator('[data-testid="video-room"][data-state="live"]').waitFor();
    state.room = (await page.getByTestId('room-name').innerText()).trim();
    assert.match(state.room, new RegExp(`^Telemed_${state.id}_[0-9a-f]{40}$`));
    const stub = page.getByTestId('jitsi-stub');
    await stub.waitFor();
    assert.equal(await stub.getAttribute('data-room'), state.room);
    assert.equal(await stub.getAttribute('data-prejoin'), 'false');
    // Public Jitsi (no app secret on this stack): no token, the lobby is turned on, and the page says so.
    assert.equal(await stub.getAttribute('data-jwt'), 'no');
    await page.locator('[data-testid="jitsi-stub"][data-command-toggleLobby="yes"]').waitFor();
    assert.match(await page.getByTestId('room-protection').innerText(), /sala de espera/);
  });

  const patientPage = await context.newPage();
  await check('the patient opens the email link, passes the device check and is in the same room', async () => {
    await patientPage.goto(state.link, { waitUntil: 'load' });
    await patientPage.locator('[data-testid="video-room"][data-role="patient"]').waitFor();
    await passDeviceCheck(patientPage);
    const room = (await patientPage.getByTestId('room-name').innerText()).trim();
    assert.equal(room, state.room);
    const stub = patientPage.getByTestId('jitsi-stub');
    assert.equal(await stub.getAttribute('data-room'), state.room);
    assert.equal(await stub.getAttribute('data-display-name'), 'Paciente');
    assert.equal(await patientPage.locator('[data-command-toggleLobby]').count(), 0);
    await screenshot(patientPage, 'video-patient');
  });

  await check('doctor1 sees the patient connected and a link to the patient history', async () => {
    await page.locator('[data-testid="patient-status"][data-state="in"]').waitFor({ timeout: 15_000 });
    state.history = await page.getByRole('link', { name: 'Abrir historia clínica del paciente' }).getAttribute('href');
    assert.match(state.history, /^\/doctor\/patients\/\d+$/);
    await screenshot(page, 'video-doctor');
  });

  await check('doctor1 ends the consultation: both pages show it ended and booking records it completed', async () => {
    await page.getByTestId('end-video').click();
    await page.getByTestId('confirm-end').click();
    await page.getByTestId('video-ended').waitFor();
    await patientPage.getByTestId('video-ended').waitFor({ timeout: 15_000 });
    const token = new URL(state.link).searchParams.get('token');
    const deadline = Date.now() + 30_000;
    let status;
    while (status !== 'completed' && Date.now() < deadline) {
      const managed = await apiCall('GET',
        `/api/v1/consultations/public/manage/${state.id}?token=${encodeURIComponent(token)}`, { expect: 200 });
      status = managed.body.consultation.status;
      if (status !== 'completed') await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.equal(status, 'completed');
  });

  await check('once doctor1 signs a record for it, the patient gets one visit-summary email whose link opens '
    + '/mis-consultas with the summary PDF', async () => {
    const login = await apiCall('POST', '/api/v1/auth/login',
      { body: { email: 'doctor1@telemed.local', password: DEMO_PASSWORD }, expect: 200 });
    const token = login.body.access_token;
    const history = `/api/v1${state.history}/history`;
    const created = await apiCall('POST', history, {
      token, expect: 201, body: { consultation_id: state.id, chief_complaint: 'Revisión por vídeo', plan: 'Control en un mes' },
    });
    await apiCall('POST', `${history}/${created.body.id}/sign`, { token, expect: 200 });

    const deadline = Date.now() + 30_000;
    let summaries = [];
    while (summaries.length === 0 && Date.now() < deadline) {
      summaries = (await mailbox(state.patient)).filter((m) => m.type === 'visit-summary');
      if (summaries.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.equal(summaries.length, 1, 'one visit-summary email');
    assert.match(summaries[0].subject, /El resumen de tu consulta ya está disponible/);
    const link = new URL(summaries[0].links.find((l) => l.includes('/acceso?token=')));

    const summaryPage = await context.newPage();
    await summaryPage.goto(`${BASE_URL}${link.pathname}${link.search}`, { waitUntil: 'load' });
    await summaryPage.waitForURL((url) => url.pathname === '/mis-consultas', { timeout: 20_000 });
    const button = summaryPage.locator(`[data-testid="pdf-download"][data-path="/pdf_clinica/consultations/${state.id}/pdf"]`);
    await button.waitFor();
    const [file] = await Promise.all([summaryPage.waitForEvent('download', { timeout: 30_000 }), button.click()]);
    const bytes = await readFile(await file.path());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    await screenshot(summaryPage, 'video-visit-summary');
    // Signing a second record sends no second email.
    const again = await apiCall('POST', history, {
      token, expect: 201, body: { consultation_id: state.id, chief_complaint: 'Nota adicional' },
    });
    await apiCall('POST', `${history}/${again.body.id}/sign`, { token, expect: 200 });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal((await mailbox(state.patient)).filter((m) => m.type === 'visit-summary').length, 1);
    await summaryPage.close();
  });
}, { args: FAKE_MEDIA });
