// Staff identity API through the gateway, as the web and the other services use it (no browser needed): the
// success path of every endpoint and its refusals. The temporary password comes from the dev mailbox.
import assert from 'node:assert/strict';
import { apiCall, check, mailbox, REGISTRATION_TOKEN, runScenario, totp, uniqueEmail } from './harness.mjs';
import { temporaryPasswordIn } from './staff-login-mail.mjs';

const IT = { email: 'it@telemed.local', password: 'Telemed-Demo-2026!' };
const NEW_PASSWORD = `Api-Clave-Segura-${Date.now() % 100000}`;

const problemType = (response) => String(response.body?.type ?? '').split('/').pop();

await runScenario(async () => {
  const email = uniqueEmail('api-doctor');
  const state = {};

  await check('register: wrong token 403 and nothing created, invalid fields 400, success 201, duplicate 409', async () => {
    const doctor = { email, full_name: 'Dr. Api', license_number: 'API-1', specialty: 'Cardiología' };
    const wrong = await apiCall('POST', '/api/v1/auth/register-medical-professional', {
      body: { ...doctor, registration_token: 'not-the-token' },
      expect: 403,
    });
    assert.equal(problemType(wrong), 'invalid-registration-token');
    await apiCall('POST', '/api/v1/auth/register-medical-professional', {
      body: { ...doctor, email: 'not-an-email', registration_token: REGISTRATION_TOKEN },
      expect: 400,
    });
    const created = await apiCall('POST', '/api/v1/auth/register-medical-professional', {
      body: { ...doctor, registration_token: REGISTRATION_TOKEN },
      expect: 201,
    });
    assert.equal(created.body.role, 'specialist');
    state.id = created.body.id;
    await apiCall('POST', '/api/v1/auth/register-medical-professional', {
      body: { ...doctor, registration_token: REGISTRATION_TOKEN },
      expect: 409,
    });
  });

  await check('login-temporary with the mailed password: a token that may only change the password', async () => {
    const [message] = await mailbox(email);
    state.temporary = temporaryPasswordIn(message);
    const limited = await apiCall('POST', '/api/v1/auth/login-temporary', {
      body: { email, temporary_password: state.temporary },
      expect: 200,
    });
    assert.equal(limited.body.must_change_password, true);
    state.limited = limited.body.access_token;
    await apiCall('GET', '/api/v1/auth/me', { token: state.limited, expect: 403 });
    await apiCall('POST', '/api/v1/auth/login-temporary', {
      body: { email, temporary_password: state.temporary },
      expect: 401,
    });
  });

  await check('change-password: weak 422, then the new password gives tokens for /doctor', async () => {
    const weak = await apiCall('POST', '/api/v1/auth/change-password', {
      token: state.limited,
      body: { new_password: 'password1234' },
      expect: 422,
    });
    assert.equal(problemType(weak), 'weak-password');
    const changed = await apiCall('POST', '/api/v1/auth/change-password', {
      token: state.limited,
      body: { new_password: NEW_PASSWORD },
      expect: 200,
    });
    assert.equal(changed.body.redirect_to, '/doctor');
    state.access = changed.body.access_token;
    state.refresh = changed.body.refresh_token;
  });

  await check('login, me, JWKS; a doctor gets 403 from the admin endpoints', async () => {
    const session = await apiCall('POST', '/api/v1/auth/login', {
      body: { email, password: NEW_PASSWORD },
      expect: 200,
    });
    assert.equal(session.body.redirect_to, '/doctor');
    assert.equal(session.body.expires_in, 900);
    state.access = session.body.access_token;
    state.refresh = session.body.refresh_token;
    const me = await apiCall('GET', '/api/v1/auth/me', { token: state.access, expect: 200 });
    assert.equal(me.body.email, email);
    const jwks = await apiCall('GET', '/api/v1/auth/.well-known/jwks.json', { expect: 200 });
    const kid = JSON.parse(Buffer.from(state.access.split('.')[0], 'base64url')).kid;
    assert.ok(jwks.body.keys.some((k) => k.kid === kid), 'the token kid is in the JWKS');
    await apiCall('GET', '/api/v1/admin/medical-professionals', { token: state.access, expect: 403 });
    await apiCall('PATCH', `/api/v1/admin/medical-professionals/${state.id}`, {
      token: state.access,
      body: { active: false },
      expect: 403,
    });
  });

  await check('refresh rotates; reusing the old refresh token revokes the family', async () => {
    const renewed = await apiCall('POST', '/api/v1/auth/refresh', { body: { refresh_token: state.refresh }, expect: 200 });
    await apiCall('POST', '/api/v1/auth/refresh', { body: { refresh_token: state.refresh }, expect: 401 });
    await apiCall('POST', '/api/v1/auth/refresh', { body: { refresh_token: renewed.body.refresh_token }, expect: 401 });
    state.access = renewed.body.access_token;
  });

  await check('MFA: enrol, verify, and the next sign-in needs a code', async () => {
    const enrolment = await apiCall('POST', '/api/v1/auth/mfa/enroll', { token: state.access, body: {}, expect: 200 });
    assert.match(enrolment.body.otpauth_uri, /^otpauth:\/\/totp\//);
    await apiCall('POST', '/api/v1/auth/mfa/verify', {
      token: state.access,
      body: { code: totp(enrolment.body.secret) },
      expect: 200,
    });
    const first = await apiCall('POST', '/api/v1/auth/login', { body: { email, password: NEW_PASSWORD }, expect: 200 });
    assert.equal(first.body.mfa_required, true);
    assert.equal(first.body.access_token, undefined);
    const done = await apiCall('POST', '/api/v1/auth/login/mfa', {
      body: { mfa_token: first.body.mfa_token, code: totp(enrolment.body.secret, 1) },
      expect: 200,
    });
    state.access = done.body.access_token;
    state.refresh = done.body.refresh_token;
  });

  await check('reset-password answers alike for known and unknown emails; a made-up link is refused', async () => {
    const known = await apiCall('POST', '/api/v1/auth/reset-password', { body: { email }, expect: 202 });
    const unknown = await apiCall('POST', '/api/v1/auth/reset-password', {
      body: { email: uniqueEmail('nobody') },
      expect: 202,
    });
    assert.deepEqual(known.body, unknown.body);
    await apiCall('POST', '/api/v1/auth/reset-password-confirm', {
      body: { token: 'made-up', new_password: 'Otra-Clave-Segura-77' },
      expect: 400,
    });
  });

  await check('it_admin lists and deactivates; the doctor is out at once (me and refresh 401)', async () => {
    const it = await apiCall('POST', '/api/v1/auth/login', { body: IT, expect: 200 });
    assert.equal(it.body.redirect_to, '/it/medical-professionals');
    const list = await apiCall('GET', '/api/v1/admin/medical-professionals?specialty=Cardiolog%C3%ADa&active=true', {
      token: it.body.access_token,
      expect: 200,
    });
    assert.ok(list.body.items.some((p) => p.email === email));
    await apiCall('PATCH', '/api/v1/admin/medical-professionals/999999999', {
      token: it.body.access_token,
      body: { active: false },
      expect: 404,
    });
    await apiCall('PATCH', `/api/v1/admin/medical-professionals/${state.id}`, {
      token: it.body.access_token,
      body: { role: 'emperor' },
      expect: 422,
    });
    const off = await apiCall('PATCH', `/api/v1/admin/medical-professionals/${state.id}`, {
      token: it.body.access_token,
      body: { active: false },
      expect: 200,
    });
    assert.equal(off.body.active, false);
    await apiCall('GET', '/api/v1/auth/me', { token: state.access, expect: 401 });
    await apiCall('POST', '/api/v1/auth/refresh', { body: { refresh_token: state.refresh }, expect: 401 });
    await apiCall('POST', '/api/v1/auth/logout', { token: it.body.access_token, body: { refresh_token: it.body.refresh_token }, expect: 204 });
    await apiCall('POST', '/api/v1/auth/refresh', { body: { refresh_token: it.body.refresh_token }, expect: 401 });
  });

  await check('patient-login refuses a made-up link', async () => {
    const refused = await apiCall('POST', '/api/v1/auth/patient-login', { body: { token: 'made-up' }, expect: 401 });
    assert.equal(problemType(refused), 'invalid-login-link');
  });
});
