import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asLanguage, formatDate, formatDateTime, formatMoney, formatMoneyChange, formatRelative } from './format.ts';

// Intl puts narrow no-break spaces in French numbers and times; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('portal formatting per locale (en-CA, fr-CA)', () => {
  const cases = [
    { name: 'money en', actual: () => formatMoney(7900, 'CAD', 'en'), expected: '$79.00' },
    { name: 'money fr', actual: () => formatMoney(7900, 'CAD', 'fr'), expected: '79,00 $' },
    { name: 'thousands en', actual: () => formatMoney(123456, 'CAD', 'en'), expected: '$1,234.56' },
    { name: 'thousands fr', actual: () => formatMoney(123456, 'CAD', 'fr'), expected: '1 234,56 $' },
    { name: 'increase en', actual: () => formatMoneyChange(3000, 'CAD', 'en'), expected: '+$30.00' },
    { name: 'decrease fr', actual: () => formatMoneyChange(-7900, 'CAD', 'fr'), expected: '-79,00 $' },
    { name: 'no change', actual: () => formatMoneyChange(0, 'CAD', 'en'), expected: '$0.00' },
    { name: 'date en', actual: () => formatDate('2026-01-15T12:00:00.000Z', 'en'), expected: 'Jan 15, 2026' },
    { name: 'date fr', actual: () => formatDate('2026-01-15T12:00:00.000Z', 'fr'), expected: '15 janv. 2026' },
    { name: 'relative en', actual: () => formatRelative(Date.UTC(2026, 0, 13), Date.UTC(2026, 0, 15), 'en'), expected: '2 days ago' },
    { name: 'relative fr', actual: () => formatRelative(Date.UTC(2026, 1, 5), Date.UTC(2026, 0, 15), 'fr'), expected: 'dans 3 semaines' },
  ];
  for (const { name, actual, expected } of cases) {
    test(name, () => assert.equal(plain(actual()), expected));
  }

  test('date and time name the time in each language\'s style', () => {
    process.env.TZ = 'UTC';
    assert.match(plain(formatDateTime('2026-01-15T15:30:00.000Z', 'en')), /Jan 15, 2026.*3:30/);
    assert.match(plain(formatDateTime('2026-01-15T15:30:00.000Z', 'fr')), /15 janv\. 2026.*15 h 30/);
  });

  test('languages from browser or account locales', () => {
    assert.deepEqual(['fr-CA', 'en-US', 'FR', 'de', null].map(asLanguage), ['fr', 'en', 'fr', null, null]);
  });
});
