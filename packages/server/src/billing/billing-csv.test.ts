import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField, money, toCsv } from './billing-csv.ts';

const fields: [string | number, string][] = [
  ['Maple Clinic', 'Maple Clinic'],
  ['Smith, Jones & Co', '"Smith, Jones & Co"'],
  ['The "Best" Clinic', '"The ""Best"" Clinic"'],
  ['two\nlines', '"two\nlines"'],
  ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
  ['+1 555', "'+1 555"],
  ['@cmd', "'@cmd"],
  ['-12.50', '-12.50'],
  [30, '30'],
  ['', ''],
];
for (const [value, expected] of fields) {
  test(`csv field ${JSON.stringify(value)}`, () => assert.equal(csvField(value), expected));
}

test('csv rows end with CRLF; money is cents as a decimal', () => {
  assert.equal(toCsv([['a', 1], ['b,c', 2]]), 'a,1\r\n"b,c",2\r\n');
  assert.deepEqual([0, 5, 967, 2900, -150].map(money), ['0.00', '0.05', '9.67', '29.00', '-1.50']);
});
