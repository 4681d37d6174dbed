import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amountText, formatDuration, fromSeconds, localName, parseAmount, parseNumber, toSeconds } from './catalogue-format.ts';

describe('catalogue forms and values', () => {
  const durations: [number, 'en' | 'fr', string][] = [
    [14 * 86_400, 'en', '14 days'], [86_400, 'en', '1 day'], [3 * 3600, 'en', '3 hours'], [5400, 'en', '90 minutes'], [61, 'en', '61 seconds'], [14 * 86_400, 'fr', '14\u00a0jours'],
  ];
  for (const [seconds, language, text] of durations) {
    test(`${seconds} s reads "${text}" (${language})`, () => assert.equal(formatDuration(seconds, language), text));
  }

  const amounts: [string, number | null][] = [['79', 7900], ['79.5', 7950], ['79,00', 7900], [' 1 234.56 ', 123_456], ['7.999', null], ['-1', null], ['abc', null], ['', null]];
  for (const [text, cents] of amounts) test(`amount "${text}" → ${cents}`, () => assert.equal(parseAmount(text), cents));

  test('seconds to form units and back', () => {
    assert.equal(fromSeconds(259_200, 86_400), '3');
    assert.equal(fromSeconds(5400, 3600), '1.5');
    assert.equal(toSeconds('1,5', 3600), 5400);
    assert.ok(Number.isNaN(toSeconds('x', 60)));
    assert.equal(parseNumber('2'), 2);
    assert.equal(amountText(2900), '29.00');
  });

  test('the French name when there is one', () => {
    assert.equal(localName({ en: 'Online Booking', fr: 'Réservation en ligne' }, 'fr'), 'Réservation en ligne');
    assert.equal(localName({ en: 'Scanner' }, 'fr'), 'Scanner');
  });
});
