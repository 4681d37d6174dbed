import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buffer } from 'node:stream/consumers';
import { CSV_BOM, csvField, csvStream, toCsv, type CsvValue } from './csv.ts';

const fields: [CsvValue, string][] = [
  ['Maple Clinic', 'Maple Clinic'],
  ['Smith, Jones & Co', '"Smith, Jones & Co"'],
  ['The "Best" Clinic', '"The ""Best"" Clinic"'],
  ['two\nlines', '"two\nlines"'],
  ['two\r\nlines', '"two\r\nlines"'],
  ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
  ['+1 555', "'+1 555"],
  ['-2+3', "'-2+3"],
  ['@cmd', "'@cmd"],
  ['\tstart', "'\tstart"],
  ['=HYPERLINK("http://x.test")', '"\'=HYPERLINK(""http://x.test"")"'],
  ['-12.50', '-12.50'],
  ['a=b', 'a=b'],
  [30, '30'],
  [-4, '-4'],
  ['', ''],
  [null, ''],
];
for (const [value, expected] of fields) {
  test(`csv field ${JSON.stringify(value)}`, () => assert.equal(csvField(value), expected));
}

test('csv rows end with CRLF', () => {
  assert.equal(toCsv([['a', 1], ['b,c', 2]]), 'a,1\r\n"b,c",2\r\n');
});

test('a csv stream is the byte order mark, the header, then each page of rows in order', async () => {
  async function* pages() {
    yield [['1', 'one']];
    yield [];
    yield [['2', '=two'], ['3', null]];
  }
  assert.equal((await buffer(csvStream(['n', 'name'], pages()))).toString('utf8'), `${CSV_BOM}n,name\r\n1,one\r\n2,'=two\r\n3,\r\n`);
});
