import { DomainError } from './codes.ts';
import { licenseGrantsSlots } from './pool.ts';
import type { Millis } from './time.ts';
import type { BillingPeriod, License, LicensePrice, Plan } from './types.ts';

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

/**
 * The price a license of `plan` is billed at: the one it took the plan at, while it stays on that
 * plan; the catalogue's price of the plan otherwise (a license being priced on another plan, or one
 * from before prices were kept with licenses). A catalogue price change applies to new licenses
 * and plan changes from then on, never to a license already on the plan.
 */
export function billedPrice(license: License, plan: Plan): LicensePrice {
  return license.price?.planId === plan.id ? license.price : { planId: plan.id, priceCents: plan.priceCents, currency: plan.currency, period: plan.period };
}

/** What a license of `plan` is billed per period (see `billedPrice`); without a license, the plan's catalogue price. */
export function priceOn(plan: Plan, license?: License): Pick<LicensePrice, 'priceCents' | 'currency' | 'period'> {
  const { priceCents, currency, period } = license ? billedPrice(license, plan) : plan;
  return { priceCents, currency, period };
}

/** What a customer pays per period for the licenses that grant use now: one line per plan and price. */
export function recurringBill(licenses: License[], plans: ReadonlyMap<string, Plan>, now: Millis, fallbackCurrency = 'CAD'): Bill {
  const lines = new Map<string, BillLine>();
  let currency: string | null = null;
  for (const license of licenses) {
    if (!licenseGrantsSlots(license, now)) continue;
    const plan = plans.get(license.planId);
    if (!plan) continue;
    const price = billedPrice(license, plan);
    if (currency !== null && price.currency !== currency) {
      throw new DomainError('INVALID_STATE', `Licenses are priced in both ${currency} and ${price.currency}; a customer's plans must share one currency.`);
    }
    currency = price.currency;
    const key = `${plan.id} ${price.period} ${price.priceCents}`;
    const line = lines.get(key) ?? { planId: plan.id, planCode: plan.code, period: price.period, quantity: 0, unitCents: price.priceCents, amountCents: 0 };
    line.quantity += 1;
    line.amountCents += price.priceCents;
    lines.set(key, line);
  }
  const totals: Record<BillingPeriod, number> = { month: 0, year: 0 };
  for (const line of lines.values()) totals[line.period] += line.amountCents;
  const order = (a: BillLine, b: BillLine) => a.planCode.localeCompare(b.planCode) || a.unitCents - b.unitCents;
  return { currency: currency ?? fallbackCurrency, lines: [...lines.values()].sort(order), totals };
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
