// Unit tests for lib/format.ts (run with `npm test`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importTs } from './importTs.mjs';

const f = await importTs(new URL('./format.ts', import.meta.url));

/** Intl may separate a currency or a time with a narrow or non-breaking space: compare with plain ones. */
const plain = (text) => text.replace(/\s/g, ' ');

describe('locales', () => {
  it('maps each language of the site to its locale and passes other tags through', () => {
    assert.equal(f.localeOf('es'), 'es-ES');
    assert.equal(f.localeOf('en'), 'en-GB');
    assert.equal(f.localeOf('fr-FR'), 'fr-FR');
    assert.deepEqual(Object.keys(f.LOCALES).sort(), ['en', 'es']);
  });
});

describe('formatAmount', () => {
  it('formats minor units by locale', () => {
    assert.equal(f.formatAmount(4500, 'eur', 'en'), '€45.00');
    assert.equal(plain(f.formatAmount(4550, 'eur', 'es')), '45,50 €');
  });

  it('accepts the currency in either case and other currencies', () => {
    assert.equal(f.formatAmount(4500, 'EUR', 'en'), '€45.00');
    assert.equal(f.formatAmount(1999, 'usd', 'en'), 'US$19.99');
    assert.equal(f.formatAmount(0, 'eur', 'en'), '€0.00');
  });

  it('formats like the e2e scenarios expect of the booking pages', () => {
    const expected = new Intl.NumberFormat('es-ES', { style: 'currency', currency: 'EUR' }).format(45);
    assert.equal(f.formatAmount(4500, 'eur', 'es'), expected);
  });
});

describe('dates and times', () => {
  const instant = '2026-11-27T09:05:00Z';

  it('shows a time of day in the zone given', () => {
    assert.equal(f.formatTime(instant, 'en', 'UTC'), '09:05');
    assert.equal(f.formatTime(instant, 'es', 'Europe/Madrid'), '10:05');
  });

  it('shows weekday, date and time in the reader language', () => {
    assert.match(plain(f.formatDateTime(instant, 'en', 'UTC')), /^Fri,? 27 Nov 2026,? 09:05$/);
    assert.match(plain(f.formatDateTime(instant, 'es', 'Europe/Madrid')), /^vie, 27 nov\.? 2026, 10:05$/);
  });

  it('shows a calendar day without the year', () => {
    assert.match(f.formatDay(new Date(2026, 10, 27), 'en'), /^Fri,? 27 Nov$/);
  });

  it('knows the viewer zone', () => {
    assert.equal(typeof f.viewerTimeZone(), 'string');
    assert.ok(f.viewerTimeZone().length > 0);
  });
});

describe('periodLabel', () => {
  it('names months in the reader language', () => {
    assert.equal(f.periodLabel('2026-11', 'month', 'es'), 'noviembre de 2026');
    assert.equal(f.periodLabel('2026-11', 'month', 'en'), 'November 2026');
    assert.equal(f.periodLabel('2026-11-01', 'month', 'en'), 'November 2026');
  });

  it('names ISO weeks and weeks given by their first day', () => {
    assert.equal(f.periodLabel('2026-W48', 'week', 'es'), 'Semana 48 de 2026');
    assert.equal(f.periodLabel('2026-W05', 'week', 'en'), 'Week 5, 2026');
    assert.equal(f.periodLabel('2026-11-23', 'week', 'en'), 'Week of 23 Nov 2026');
  });

  it('shows a day as a date, whatever the viewer zone', () => {
    assert.equal(f.periodLabel('2026-11-27', 'day', 'en'), '27 Nov 2026');
    assert.match(f.periodLabel('2026-11-27', 'day', 'es'), /^27 nov\.? 2026$/);
  });

  it('shows an unknown key as it came', () => {
    assert.equal(f.periodLabel('Q4-2026', 'month', 'es'), 'Q4-2026');
  });
});
