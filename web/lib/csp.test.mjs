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
