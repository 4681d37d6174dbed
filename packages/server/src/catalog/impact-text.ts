/** English wording of impact messages: counts, durations and money as people read them. */

export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

const UNITS: [number, string][] = [[86_400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];

/** 1209600 → "14 days"; 5400 → "90 minutes". */
export function duration(seconds: number): string {
  for (const [size, unit] of UNITS) {
    if (seconds >= size && seconds % size === 0) return count(seconds / size, unit);
  }
  return count(seconds, 'second');
}

/** 7900, 'CAD' → "CAD 79.00"; signed: "+CAD 10.00", "-CAD 10.00". */
export function money(cents: number, currency: string, signed = false): string {
  const sign = signed ? (cents > 0 ? '+' : cents < 0 ? '-' : '') : cents < 0 ? '-' : '';
  return `${sign}${currency} ${(Math.abs(cents) / 100).toFixed(2)}`;
}
