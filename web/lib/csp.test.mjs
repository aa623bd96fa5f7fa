// Unit tests for lib/csp.ts (run with `npm test`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importTs } from './importTs.mjs';

const c = await importTs(new URL('./csp.ts', import.meta.url));

const directives = (policy) => Object.fromEntries(policy.split('; ').map((d) => {
  const [name, ...values] = d.split(' ');
  return [name, values.join(' ')];
}));

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce, frames only from Jitsi, and no one to frame the site', () => {
    const p = directives(c.contentSecurityPolicy('n0nce', { jitsiDomain: 'meet.example.org', development: false }));
    assert.equal(p['script-src'], "'self' 'nonce-n0nce' 'strict-dynamic'");
    assert.equal(p['frame-src'], 'https://meet.example.org');
    assert.equal(p['frame-ancestors'], "'none'");
    assert.equal(p['object-src'], "'none'");
    assert.equal(p['default-src'], "'self'");
  });

  it('falls back to meet.jit.si for a missing or malformed domain', () => {
    for (const value of ['', undefined, "evil.example 'unsafe-inline'", 'https://x.example/path']) {
      assert.equal(directives(c.contentSecurityPolicy('n', { jitsiDomain: value, development: false }))['frame-src'],
        'https://meet.jit.si');
    }
  });

  it('allows eval only in development', () => {
    assert.match(c.contentSecurityPolicy('n', { jitsiDomain: '', development: true }), /'unsafe-eval'/);
    assert.doesNotMatch(c.contentSecurityPolicy('n', { jitsiDomain: '', development: false }), /unsafe-eval/);
  });

  it('makes a different nonce every time', () => {
    const a = c.newNonce();
    assert.notEqual(a, c.newNonce());
    assert.equal(Buffer.from(a, 'base64').length, 16);
  });
});

const cap = await importTs(new URL('./captcha.ts', import.meta.url));

describe('captcha', () => {
  it('is off in local mode, without a provider or with a malformed key', () => {
    assert.equal(cap.captchaSettings({}), null);
    assert.equal(cap.captchaSettings({ TELEMED_CAPTCHA_PROVIDER: 'turnstile', TELEMED_CAPTCHA_SITE_KEY: '0x4AAAAAAA', TELEMED_LOCAL_MODE: 'true' }), null);
    assert.equal(cap.captchaSettings({ TELEMED_CAPTCHA_PROVIDER: 'recaptcha', TELEMED_CAPTCHA_SITE_KEY: '0x4AAAAAAA' }), null);
    assert.equal(cap.captchaSettings({ TELEMED_CAPTCHA_PROVIDER: 'turnstile', TELEMED_CAPTCHA_SITE_KEY: '"><script>' }), null);
  });

  it('reads the provider and site key, and the policy then allows the provider and nothing more', () => {
    const s = cap.captchaSettings({ TELEMED_CAPTCHA_PROVIDER: ' Turnstile ', TELEMED_CAPTCHA_SITE_KEY: '0x4AAAAAAA-site_key' });
    assert.deepEqual(s, { provider: 'turnstile', siteKey: '0x4AAAAAAA-site_key' });
    const p = directives(c.contentSecurityPolicy('n', { jitsiDomain: 'meet.jit.si', development: false,
      captchaHosts: cap.PROVIDERS[s.provider].hosts }));
    assert.equal(p['script-src'], "'self' 'nonce-n' 'strict-dynamic' https://challenges.cloudflare.com");
    assert.equal(p['frame-src'], 'https://meet.jit.si https://challenges.cloudflare.com');
    const off = directives(c.contentSecurityPolicy('n', { jitsiDomain: 'meet.jit.si', development: false }));
    assert.equal(off['frame-src'], 'https://meet.jit.si');
  });
});
