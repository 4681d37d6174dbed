import { DomainError } from './codes.ts';
import { licenseGrantsSlots } from './pool.ts';
import type { Millis } from './time.ts';
import type { BillingPeriod, License, Plan } from './types.ts';

export interface BillLine {
  planId: string;
  planCode: string;
  period: BillingPeriod;
  quantity: number;
  unitCents: number;
  amountCents: number;
}

export interface Bill {
  currency: string;
  lines: BillLine[];
  /** Recurring totals per billing period, in cents. */
  totals: Record<BillingPeriod, number>;
}

export interface PriceChange {
  currency: string;
  before: Record<BillingPeriod, number>;
  after: Record<BillingPeriod, number>;
  delta: Record<BillingPeriod, number>;
}

/** What a customer pays per period for the licenses that grant use now: one line per plan. */
export function recurringBill(licenses: License[], plans: ReadonlyMap<string, Plan>, now: Millis, fallbackCurrency = 'CAD'): Bill {
  const lines = new Map<string, BillLine>();
  let currency: string | null = null;
  for (const license of licenses) {
    if (!licenseGrantsSlots(license, now)) continue;
    const plan = plans.get(license.planId);
    if (!plan) continue;
    if (currency !== null && plan.currency !== currency) {
      throw new DomainError('INVALID_STATE', `Licenses are priced in both ${currency} and ${plan.currency}; a customer's plans must share one currency.`);
    }
    currency = plan.currency;
    const line = lines.get(plan.id) ?? { planId: plan.id, planCode: plan.code, period: plan.period, quantity: 0, unitCents: plan.priceCents, amountCents: 0 };
    line.quantity += 1;
    line.amountCents += plan.priceCents;
    lines.set(plan.id, line);
  }
  const totals: Record<BillingPeriod, number> = { month: 0, year: 0 };
  for (const line of lines.values()) totals[line.period] += line.amountCents;
  return { currency: currency ?? fallbackCurrency, lines: [...lines.values()].sort((a, b) => a.planCode.localeCompare(b.planCode)), totals };
}

/**
 * The change in what the customer pays when their licenses go from `before` to `after`; adding,
 * upgrading and removing a license are each one such pair.
 *
 * @example
 * priceChange(licenses, [...licenses, newLicense], plans, now).delta.month // => 4900
 */
export function priceChange(before: License[], after: License[], plans: ReadonlyMap<string, Plan>, now: Millis): PriceChange {
  const b = recurringBill(before, plans, now);
  const a = recurringBill(after, plans, now, b.currency);
  if (b.lines.length > 0 && a.lines.length > 0 && a.currency !== b.currency) {
    throw new DomainError('INVALID_STATE', `Licenses would change from ${b.currency} to ${a.currency}; a customer's plans must share one currency.`);
  }
  return {
    currency: a.currency,
    before: b.totals,
    after: a.totals,
    delta: { month: a.totals.month - b.totals.month, year: a.totals.year - b.totals.year },
  };
}

/** Whether a license of plan `from` can be upgraded in place to plan `to`. */
export function canUpgrade(from: Plan, to: Plan): boolean {
  return from.id !== to.id && from.productId === to.productId && from.upgradesTo.includes(to.id);
}
