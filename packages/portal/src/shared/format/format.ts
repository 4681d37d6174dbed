/** The languages the portal speaks, and the Canadian locale each formats dates and money in. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LOCALE_OF: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

export function asLanguage(value: string | null | undefined): Language | null {
  const short = value?.slice(0, 2).toLowerCase();
  return short === 'en' || short === 'fr' ? short : null;
}

/** Money in minor units (cents), e.g. 7900 CAD: "$79.00" in en-CA, "79,00 $" in fr-CA. */
export function formatMoney(cents: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(LOCALE_OF[language], { style: 'currency', currency }).format(cents / 100);
}

/** A signed change of money: "+$79.00", "−$49.00". */
export function formatMoneyChange(cents: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(LOCALE_OF[language], { style: 'currency', currency, signDisplay: 'exceptZero' }).format(cents / 100);
}

const toDate = (at: string | number | Date) => (at instanceof Date ? at : new Date(at));

/** A calendar date: "Jan 15, 2026" / "15 janv. 2026". */
export function formatDate(at: string | number | Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'medium' }).format(toDate(at));
}

/** A date and time: "Jan 15, 2026, 12:00 p.m." / "15 janv. 2026, 12 h 00". */
export function formatDateTime(at: string | number | Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'medium', timeStyle: 'short' }).format(toDate(at));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000], ['month', 30 * 86_400_000], ['week', 7 * 86_400_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000],
];

/** How long ago or from now: "2 days ago", "in 3 weeks" / "il y a 2 jours", "dans 3 semaines". */
export function formatRelative(at: string | number | Date, now: number, language: Language): string {
  const diff = toDate(at).getTime() - now;
  const format = new Intl.RelativeTimeFormat(LOCALE_OF[language], { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  return format.format(0, 'minute');
}
