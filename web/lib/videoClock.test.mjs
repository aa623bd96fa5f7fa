import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importTs } from './importTs.mjs';

const { countdown, msUntil, externalApiUrl } = await importTs(new URL('./videoClock.ts', import.meta.url));

test('countdowns show minutes and seconds, hours when needed, never below zero', () => {
  assert.equal(countdown(65_000), '1:05');
  assert.equal(countdown(3_600_000 + 61_000), '1:01:01');
  assert.equal(countdown(-5_000), '0:00');
  assert.equal(countdown(400), '0:01');
});

test('time left is measured by the server clock, whatever this clock says', () => {
  const readAt = Date.parse('2026-03-10T09:00:00Z'); // this clock, two minutes behind the server
  assert.equal(msUntil('2026-03-10T09:15:00Z', '2026-03-10T09:02:00Z', readAt, readAt), 13 * 60_000);
});

test('the External API script comes only from a Jitsi host name', () => {
  assert.equal(externalApiUrl('meet.jit.si'), 'https://meet.jit.si/external_api.js');
  assert.equal(externalApiUrl('meet.example.org:8443'), 'https://meet.example.org:8443/external_api.js');
  assert.throws(() => externalApiUrl('evil.test/x.js?'));
});
