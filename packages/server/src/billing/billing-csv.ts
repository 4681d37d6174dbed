/**
 * CSV as RFC 4180 has it: fields with a comma, quote or line break are quoted, quotes doubled,
 * lines end with CRLF. Text that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or CR) gets a leading apostrophe, so a customer named "=HYPERLINK(…)" stays text.
 */
export function toCsv(rows: (string | number)[][]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Cents as a decimal amount: 1450 → "14.50". */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
