import { DomainError } from './codes.ts';
import { DAY, type Millis } from './time.ts';
import type { BillingPeriod } from './types.ts';

/**
 * Billing periods are calendar months in one time zone, the vendor's (a server setting). A day
 * belongs to the period of its date in that zone, so a license added at 22:00 on 30 November in
 * Toronto is billed for 30 November even though it is already 1 December in UTC.
 */
export const DEFAULT_BILLING_TIME_ZONE = 'America/Toronto';

export interface BillingMonth {
  year: number;
  /** 1 to 12. */
  month: number;
}

/** A plan as it was priced when a license took it: the code, name, price and currency on the bill. */
export interface PricedPlan {
  code: string;
  name: string;
  priceCents: number;
  currency: string;
  period: BillingPeriod;
}

/**
 * What happened to a license, in time order: it started on a plan, moved to another plan, or
 * ended (removed, cancelled, or its term ran out). Suspension is not a change: a suspended license
 * is still held by the customer and still billed.
 */
export type LicenseChange =
  | { licenseId: string; at: Millis; kind: 'started'; plan: PricedPlan }
  | { licenseId: string; at: Millis; kind: 'plan_changed'; plan: PricedPlan }
  | { licenseId: string; at: Millis; kind: 'ended' };

/** Consecutive days of one license on one plan within the period. */
export interface ProratedLine {
  licenseId: string;
  plan: PricedPlan;
  /** First and last day billed (inclusive), as YYYY-MM-DD in the billing time zone. */
  from: string;
  to: string;
  days: number;
  daysInPeriod: number;
  /** The plan's price for its own period (a month, or a year). */
  unitCents: number;
  amountCents: number;
  currency: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date of an instant in a time zone. */
export function localDate(at: Millis, timeZone: string): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** `2026-11` to `{ year: 2026, month: 11 }`. */
export function parseBillingMonth(text: string): BillingMonth {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) throw new DomainError('VALIDATION_FAILED', `"${text}" is not a billing period: give a month as YYYY-MM, e.g. 2026-11.`);
  return { year: Number(match[1]), month };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatBillingMonth(month: BillingMonth): string {
  return `${month.year}-${pad(month.month)}`;
}

/** The period an instant falls in: the month of its date in the time zone. */
export function billingMonthOf(at: Millis, timeZone: string): BillingMonth {
  const { year, month } = localDate(at, timeZone);
  return { year, month };
}

export function daysInMonth(month: BillingMonth): number {
  return new Date(Date.UTC(month.year, month.month, 0)).getUTCDate();
}

/** An instant after the period has ended in every time zone: events after it cannot change its bill. */
export function billingMonthEndsBy(month: BillingMonth): Millis {
  return Date.UTC(month.year, month.month, 1) + DAY;
}

/**
 * The lines a period's bill has for the licenses whose changes are given, prorated by day: each
 * day of the period is billed for the plan the license is on at the end of that day. So a license
 * added on a day pays for that day; one removed on a day does not; an upgrade on a day pays the new
 * plan from that day. A line's amount is its plan's price × days ÷ days in the month, rounded to
 * the cent; a yearly plan is billed a twelfth of its price per month the same way.
 *
 * @example
 * // A $30.00 plan added on 16 November 2026 (30 days): 15 days, $15.00.
 * prorate([{ licenseId: 'L1', at: Date.UTC(2026, 10, 16, 15), kind: 'started', plan }], { year: 2026, month: 11 }, 'America/Toronto')
 * // => [{ licenseId: 'L1', from: '2026-11-16', to: '2026-11-30', days: 15, amountCents: 1500, ... }]
 */
export function prorate(changes: LicenseChange[], month: BillingMonth, timeZone: string): ProratedLine[] {
  const days = daysInMonth(month);
  const byLicense = new Map<string, LicenseChange[]>();
  for (const change of changes) byLicense.set(change.licenseId, [...(byLicense.get(change.licenseId) ?? []), change]);
  const lines: ProratedLine[] = [];
  for (const [licenseId, history] of [...byLicense].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Stable: changes at the same instant keep the order they were given in (the order of their events).
    const ordered = history.map((change, i) => ({ change, i, day: dayInPeriod(change.at, month, days, timeZone) })).sort((a, b) => a.change.at - b.change.at || a.i - b.i);
    let plan: PricedPlan | null = null;
    let next = 0;
    let open: { plan: PricedPlan; from: number; to: number } | null = null;
    const close = () => {
      if (open) lines.push(line(licenseId, open.plan, month, open.from, open.to, days));
      open = null;
    };
    for (let day = 1; day <= days; day++) {
      for (; next < ordered.length && ordered[next].day <= day; next++) {
        const { change } = ordered[next];
        plan = change.kind === 'ended' ? null : change.plan;
      }
      if (open && plan && samePlan(open.plan, plan)) open.to = day;
      else {
        close();
        if (plan) open = { plan, from: day, to: day };
      }
    }
    close();
  }
  return lines;
}

/** 0 for a change before the period, days + 1 for one after it, else its day of the month. */
function dayInPeriod(at: Millis, month: BillingMonth, days: number, timeZone: string): number {
  const date = localDate(at, timeZone);
  const order = date.year * 12 + date.month - (month.year * 12 + month.month);
  return order < 0 ? 0 : order > 0 ? days + 1 : date.day;
}

function samePlan(a: PricedPlan, b: PricedPlan): boolean {
  return a.code === b.code && a.priceCents === b.priceCents && a.currency === b.currency && a.period === b.period;
}

function line(licenseId: string, plan: PricedPlan, month: BillingMonth, from: number, to: number, daysInPeriod: number): ProratedLine {
  const days = to - from + 1;
  const perMonth = plan.period === 'year' ? 12 : 1;
  const prefix = formatBillingMonth(month);
  return {
    licenseId, plan, from: `${prefix}-${pad(from)}`, to: `${prefix}-${pad(to)}`, days, daysInPeriod,
    unitCents: plan.priceCents, amountCents: Math.round((plan.priceCents * days) / (daysInPeriod * perMonth)), currency: plan.currency,
  };
}

/** The total of lines per currency, largest first. */
export function totalsByCurrency(lines: { amountCents: number; currency: string }[]): { currency: string; amountCents: number }[] {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.currency, (totals.get(l.currency) ?? 0) + l.amountCents);
  return [...totals].map(([currency, amountCents]) => ({ currency, amountCents })).sort((a, b) => b.amountCents - a.amountCents || a.currency.localeCompare(b.currency));
}
