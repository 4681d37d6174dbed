/** Milliseconds since the Unix epoch. Every time in the domain is one of these, passed in explicitly. */
export type Millis = number;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** ISO 8601 text of a time, for answers that people read. */
export function iso(at: Millis): string {
  return new Date(at).toISOString();
}
