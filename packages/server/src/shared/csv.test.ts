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
  ['a;b', '"a;b"'],
  ['a;=HYPERLINK("http://x.test")', '"a;\'=HYPERLINK(""http://x.test"")"'],
  ['=1;+2;-3;@4', '"\'=1;\'+2;\'-3;\'@4"'],
  ['a;"=1+1"', '"a;\'""=1+1"""'],
  ['two\n=lines', '"two\n\'=lines"'],
  ['a; =b', '"a; =b"'],
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

/**
 * A CSV line as Excel in a French locale reads it: cells split on ";" and line breaks, a quote
 * honoured only at the start of a cell (not where our comma-separated fields start).
 */
function frenchExcelCells(text: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let cell = '';
    if (text[i] === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') (cell += '"'), i++;
        else if (text[i] === '"') { i++; break; }
        else cell += text[i];
      }
    }
    while (i < text.length && !/[;\r\n]/.test(text[i])) cell += text[i++];
    cells.push(cell);
    i++;
  }
  return cells;
}

test('opened in French Excel (";" separates cells), no cell of an export starts a formula', () => {
  const values = ['a;=HYPERLINK("http://x.test")', 'x;=cmd|\' /C calc\'!A0;y', 'a;"=1+1"', 'two\r\n@lines', '=a;-b', 'Clinique de l\'Érable; Montréal'];
  for (const value of values) {
    const line = toCsv([['1001', value, 'end']]).slice(0, -2);
    for (const cell of frenchExcelCells(line)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${JSON.stringify(value)} gives the cell ${JSON.stringify(cell)}`);
  }
});
