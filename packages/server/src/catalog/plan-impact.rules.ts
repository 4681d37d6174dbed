import { DomainError, poolTotals, recurringBill, slotsOf, type Assignment, type Bill, type Feature, type License, type Plan } from '@leasehold/core';
import type { LicenseRecord } from '../licenses/license.repository.ts';
import type { CustomerRef, ImpactLicense } from './catalog-impact.repository.ts';
import { consequence, type Consequence, type ImpactItem } from './catalog-impact.types.ts';
import { count, money } from './impact-text.ts';

/** What a plan change is measured against: each customer holding the plan, with all their licenses and seats. */
export interface PlanFacts {
  now: number;
  /** Licenses of this plan that give use now. */
  licenses: ImpactLicense[];
  /** Every license of the customers who hold this plan, and the plans they are of. */
  customerLicenses: LicenseRecord[];
  plans: ReadonlyMap<string, Plan>;
  /** Unreleased assignments of those customers. */
  customerAssignments: Assignment[];
  features: ReadonlyMap<string, Feature>;
}

interface CustomerState {
  customer: CustomerRef;
  licenses: LicenseRecord[];
  assignments: Assignment[];
}

function customersOf(facts: PlanFacts): CustomerState[] {
  const byId = new Map<string, CustomerState>();
  for (const license of facts.licenses) {
    if (!byId.has(license.customerId)) byId.set(license.customerId, { customer: license.customer, licenses: [], assignments: [] });
  }
  for (const license of facts.customerLicenses) byId.get(license.customerId)?.licenses.push(license);
  for (const assignment of facts.customerAssignments) byId.get(assignment.customerId)?.assignments.push(assignment);
  return [...byId.values()];
}

/** A customer's recurring bill, or null when their licenses would mix currencies (recurringBill refuses). */
function billOrNull(licenses: License[], plans: ReadonlyMap<string, Plan>, now: number): Bill | null {
  try {
    return recurringBill(licenses, plans, now);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'INVALID_STATE') return null;
    throw error;
  }
}

function price(before: Plan, after: Plan, facts: PlanFacts, customers: CustomerState[]): Consequence[] {
  if (after.priceCents === before.priceCents && after.period === before.period) return [];
  // Licenses already on the plan keep the price they took it at (core's billedPrice): no bill changes now.
  const onPlan = new Set(facts.licenses.map((l) => l.id));
  const items: ImpactItem[] = customers.map((c) => ({ customer: c.customer, count: c.licenses.filter((l) => onPlan.has(l.id)).length }));
  const n = facts.licenses.length;
  const monthly = (p: Plan) => (p.period === 'year' ? p.priceCents / 12 : p.priceCents);
  const perLicense = Math.round(monthly(after) - monthly(before));
  const direction = perLicense > 0 ? 'up' : perLicense < 0 ? 'down' : 'unchanged';
  const currency = after.currency;
  return [consequence('PRICE_CHANGED', 'info',
    `Price ${direction === 'unchanged' ? 'per month unchanged' : `${direction} by ${money(Math.abs(perLicense), currency)} per month`}: ${money(before.priceCents, before.currency)} per ${before.period} becomes ${money(after.priceCents, currency)} per ${after.period}. `
    + `The ${count(n, 'license')} already on this plan (${count(customers.length, 'customer')}) keep the price they were issued at, on their bills and in the client portal; licenses issued or upgraded to this plan from now on are billed the new price, prorated by day from their first day (docs/billing.md).`,
    { fromCents: before.priceCents, toCents: after.priceCents, fromPeriod: before.period, toPeriod: after.period, currency, perLicenseMonthlyCents: perLicense, licenses: n, customers: customers.length },
    items)];
}

function currency(before: Plan, after: Plan, facts: PlanFacts, customers: CustomerState[], plansAfter: ReadonlyMap<string, Plan>): Consequence[] {
  if (after.currency === before.currency) return [];
  // Licenses on the plan keep their price in the old currency, but the next one added or upgraded to
  // the plan takes the new one: a customer whose licenses would then mix currencies is counted now,
  // as if every license were billed at the catalogue's price.
  const mixed = customers.filter((c) => {
    const atCatalogue = c.licenses.map(({ price: _, ...license }) => license);
    return billOrNull(atCatalogue, facts.plans, facts.now) && !billOrNull(atCatalogue, plansAfter, facts.now);
  });
  if (mixed.length) {
    return [consequence('CURRENCY_MIXED', 'blocking',
      `${count(mixed.length, 'customer')} also ${mixed.length === 1 ? 'holds' : 'hold'} licenses priced in ${before.currency}, and a customer's licenses must share one currency: the change is refused. Create a plan priced in ${after.currency} for new licenses instead.`,
      { from: before.currency, to: after.currency, customers: mixed.length }, mixed.map((c) => ({ customer: c.customer })))];
  }
  return [consequence('CURRENCY_CHANGED', 'info',
    `Licenses already issued stay billed in ${before.currency} at the price they were issued at (${count(facts.licenses.length, 'license')}); licenses issued from now are billed in ${after.currency}.`,
    { from: before.currency, to: after.currency, licenses: facts.licenses.length })];
}

function slots(before: Plan, after: Plan, facts: PlanFacts, customers: CustomerState[], plansAfter: ReadonlyMap<string, Plan>): Consequence[] {
  const out: Consequence[] = [];
  const featureIds = [...new Set([...before.slots, ...after.slots].map((s) => s.featureId))];
  for (const featureId of featureIds) {
    const [from, to] = [slotsOf(before, featureId), slotsOf(after, featureId)];
    if (from === to) continue;
    const feature = facts.features.get(featureId)?.code ?? featureId;
    const values = { feature, from, to, customers: customers.length, seats: Math.abs(to - from) * facts.licenses.length };
    if (to > from) {
      out.push(consequence('SLOTS_ADDED', 'info',
        `Each license of this plan gives ${to} ${feature} seats instead of ${from}: ${count(customers.length, 'customer')} get ${count(values.seats, 'more seat', 'more seats')} at once, at the same price.`, values));
      continue;
    }
    const over: ImpactItem[] = [];
    for (const c of customers) {
      const pool = poolTotals(c.licenses, plansAfter, c.assignments, facts.now).find((p) => p.featureId === featureId);
      if (pool && pool.assigned > pool.capacity) over.push({ customer: c.customer, feature, count: pool.assigned, limit: pool.capacity });
    }
    if (over.length) {
      out.push(consequence('SLOTS_OVER_CAPACITY', 'blocking',
        `${feature} seats per license from ${from} to ${to}: ${count(over.length, 'customer')} would have more ${feature} seats assigned than licensed, so the change is refused. Have them release seats or add licenses first, or create a new plan for new licenses.`,
        { ...values, over: over.length }, over));
    } else {
      out.push(consequence('SLOTS_REMOVED', customers.length ? 'warning' : 'info',
        `${feature} seats per license from ${from} to ${to}: ${count(customers.length, 'customer')} lose ${count(values.seats, 'seat')} they have not assigned; every seat in use still fits.`, values));
    }
  }
  return out;
}

function renamed(before: Plan, after: Plan, facts: PlanFacts, customers: CustomerState[]): Consequence[] {
  if (JSON.stringify(after.name) === JSON.stringify(before.name)) return [];
  return [consequence('RENAMED', 'info', `${count(customers.length, 'customer')} see the new name in the portal at once; bills keep the name each license was issued with.`, { customers: customers.length })];
}

/** What changing plan `before` into `after` does to the customers who hold it (the policy switch is measured by the policy rules). */
export function planConsequences(before: Plan, after: Plan, facts: PlanFacts): Consequence[] {
  const customers = customersOf(facts);
  const plansAfter = new Map(facts.plans).set(after.id, after);
  return [renamed, price, currency, slots].flatMap((rule) => rule(before, after, facts, customers, plansAfter));
}
