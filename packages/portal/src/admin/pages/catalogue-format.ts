import { LOCALE_OF, type Language } from '../../shared/format/format.ts';
import type { Names } from '../api/catalogue-api.ts';

const UNITS: [number, 'day' | 'hour' | 'minute' | 'second'][] = [[86_400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];

/** Seconds in the largest unit that divides them: 1209600 → "14 days" / "14 jours"; 5400 → "90 minutes". */
export function formatDuration(seconds: number, language: Language): string {
  const [size, unit] = UNITS.find(([s]) => seconds >= s && seconds % s === 0) ?? [1, 'second'];
  return new Intl.NumberFormat(LOCALE_OF[language], { style: 'unit', unit, unitDisplay: 'long' }).format(seconds / size);
}

/** The name in the language shown, English when there is no French one. */
export function localName(names: Names, language: Language): string {
  return (language === 'fr' && names.fr) || names.en;
}

/** A number typed in a form ("1,5" in French) to a number, or null when it is not one. */
export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** A form's amount in units of `unit` seconds (e.g. days) to whole seconds. */
export function toSeconds(text: string, unit: number): number {
  return Math.round((parseNumber(text) ?? Number.NaN) * unit);
}

/** Whole seconds to the form's unit, without trailing zeros: 259200 s in days → "3". */
export function fromSeconds(seconds: number, unit: number): string {
  return String(Number((seconds / unit).toFixed(4)));
}

/** "79.00" or "79,00" → 7900; null when it is not an amount with at most two decimals. */
export function parseAmount(text: string): number | null {
  const cleaned = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

export const amountText = (cents: number) => (cents / 100).toFixed(2);
