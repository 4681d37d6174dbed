import { Readable } from 'node:stream';

export type CsvValue = string | number | null;

/**
 * Put before the header so spreadsheets read the file as UTF-8 (accents in names), as Excel does
 * not without it.
 */
export const CSV_BOM = '\uFEFF';

/**
 * One field as RFC 4180 has it: quoted when it holds a comma, semicolon, quote or line break, quotes
 * doubled. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
 * gets a leading apostrophe, so a customer named "=HYPERLINK(…)" stays text; plain numbers such as
 * -12.50 are left as they are. Null is an empty field.
 *
 * Excel in a French locale splits on ";" and honours a quote only at the start of its own cell, so
 * in our comma-separated file every ";" and line break inside a field starts a new cell there: what
 * follows one gets the apostrophe too when it would start a formula (or a quoted cell).
 */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string') {
    text = text.replace(/([;\r\n])(?=[=+\-@\t\r"])/g, "$1'");
    if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  }
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row with its CRLF line end. */
export function csvLine(row: readonly CsvValue[]): string {
  return `${row.map(csvField).join(',')}\r\n`;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map(csvLine).join('');
}

/**
 * A CSV file as a stream: the byte order mark and the header, then the rows as `pages` yields
 * them, so an export of any size is written a page at a time without holding it all in memory.
 */
export function csvStream(header: readonly string[], pages: AsyncIterable<readonly (readonly CsvValue[])[]>): Readable {
  return Readable.from((async function* () {
    yield CSV_BOM + csvLine(header);
    for await (const rows of pages) if (rows.length > 0) yield toCsv(rows);
  })(), { objectMode: false });
}
