// Unit tests for lib/paymentFormat.ts (run with `npm test`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importTs } from './importTs.mjs';

const f = await importTs(new URL('./paymentFormat.ts', import.meta.url));

/** sessionStorage stand-in. */
function memoryStore() {
  const map = new Map();
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
    map,
  };
}

describe('badgeTone', () => {
  it('colours each payment status and leaves unknown ones neutral', () => {
    assert.equal(f.badgeTone('succeeded'), 'success');
    assert.equal(f.badgeTone('pending'), 'info');
    assert.equal(f.badgeTone('failed'), 'danger');
    assert.equal(f.badgeTone('refunded'), 'warning');
    assert.equal(f.badgeTone('partially_refunded'), 'warning');
    assert.equal(f.badgeTone('expired'), 'neutral');
    assert.equal(f.badgeTone('something_new'), 'neutral');
  });
});

describe('amounts', () => {
  it('reads what an admin types as minor units', () => {
    assert.equal(f.parseAmount('20'), 2000);
    assert.equal(f.parseAmount('20,5'), 2050);
    assert.equal(f.parseAmount(' 20.55 '), 2055);
    assert.equal(f.parseAmount('0'), null);
    assert.equal(f.parseAmount('-3'), null);
    assert.equal(f.parseAmount('20.555'), null);
    assert.equal(f.parseAmount('veinte'), null);
  });

  it('knows what is left to refund', () => {
    assert.equal(f.refundable(4500, null), 4500);
    assert.equal(f.refundable(4500, 1000), 3500);
    assert.equal(f.refundable(4500, 5000), 0);
  });
});

describe('checkout', () => {
  it('returns to the site own pages without a session id (the service appends it)', () => {
    assert.deepEqual(f.checkoutReturnUrls('https://telemed.example/'), {
      success_url: 'https://telemed.example/reserva/pago/exito',
      cancel_url: 'https://telemed.example/reserva/pago/cancelado',
    });
  });

  it('maps refusals to what the patient is told', () => {
    assert.equal(f.checkoutRefusal(409), 'not-payable');
    assert.equal(f.checkoutRefusal(503), 'unavailable');
    assert.equal(f.checkoutRefusal(0), 'unavailable');
    assert.equal(f.checkoutRefusal(404), 'bad-link');
    assert.equal(f.checkoutRefusal(401), 'bad-link');
    assert.equal(f.checkoutRefusal(400), 'error');
  });

  it('counts down a hold and stops at zero', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    assert.equal(f.holdLeft('2026-11-27T10:05:00Z', now), 300_000);
    assert.equal(f.holdLeft('2026-11-27T09:59:00Z', now), 0);
    assert.equal(f.holdLeft(null, now), 0);
    assert.equal(f.holdLeft('not a date', now), 0);
  });

  it('keeps a booking per consultation, and forgets it', () => {
    const store = memoryStore();
    const kept = { consultation_id: 7, checkout_token: 'tok', hold_expires_at: '2026-11-27T10:05:00Z' };
    f.keepBooking(store, kept);
    assert.deepEqual(f.keptBooking(store, 7), kept);
    assert.equal(f.keptBooking(store, 8), null);
    f.forgetBooking(store, 7);
    assert.equal(f.keptBooking(store, 7), null);
  });

  it('ignores a kept booking that is unreadable or for another consultation', () => {
    const store = memoryStore();
    store.setItem('telemed.booking.7', '{not json');
    assert.equal(f.keptBooking(store, 7), null);
    store.setItem('telemed.booking.7', JSON.stringify({ consultation_id: 9, checkout_token: 'x' }));
    assert.equal(f.keptBooking(store, 7), null);
  });
});

describe('confirmationState', () => {
  const s = (payment_status, consultation_status) => ({ payment_status, consultation_status });

  it('is confirmed only when paid and the consultation is confirmed', () => {
    assert.equal(f.confirmationState(s('succeeded', 'confirmed'), 1000), 'confirmed');
    assert.equal(f.confirmationState(s('succeeded', 'pending_payment'), 1000), 'waiting');
    assert.equal(f.confirmationState(s('pending', 'pending_payment'), 1000), 'waiting');
  });

  it('tells a late payment that was refunded, and a failed one', () => {
    assert.equal(f.confirmationState(s('refunded', 'cancelled'), 1000), 'refunded');
    assert.equal(f.confirmationState(s('partially_refunded', 'cancelled'), 1000), 'refunded');
    assert.equal(f.confirmationState(s('failed', 'pending_payment'), 1000), 'failed');
    assert.equal(f.confirmationState(s('expired', 'cancelled'), 1000), 'failed');
  });

  it('gives up waiting after the patience and says the email will follow', () => {
    assert.equal(f.confirmationState(s('succeeded', 'pending_payment'), 20_000), 'slow');
    assert.equal(f.confirmationState(null, 25_000), 'slow');
    assert.equal(f.confirmationState(null, 5_000), 'waiting');
  });
});
