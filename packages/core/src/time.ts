/** Milliseconds since the Unix epoch. Every time in the domain is one of these, passed in explicitly. */
export type Millis = number;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// The day of the last time formatted: its text is kept, and a time within it only needs its clock
// written, which costs a fraction of Date#toISOString (every machine answer has three or four).
let dayStart = Number.NaN;
let dayText = '';
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** ISO 8601 text of a time, for answers that people read: exactly what Date#toISOString gives. */
export function iso(at: Millis): string {
  const into = at - dayStart;
  if (!(into >= 0 && into < DAY && Number.isInteger(at))) {
    const text = new Date(at).toISOString();
    if (!Number.isInteger(at) || text.length !== 24) return text;
    dayStart = at - (((at % DAY) + DAY) % DAY);
    dayText = text.slice(0, 11);
    return text;
  }
  const seconds = Math.floor(into / SECOND);
  return `${dayText}${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${three(into % SECOND)}Z`;
}
