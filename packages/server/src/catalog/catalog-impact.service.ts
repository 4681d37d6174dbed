import { DAY, DomainError, isSeatHeld, licenseGrantsSlots, type Plan, type Policy } from '@leasehold/core';
import type { Db, DialectName } from '@leasehold/db';
import { lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import {
  assignmentsOfCustomersOfPlans, countedResetsOfPlans, customerIdsOfPlan, driftsOfPlans, licensesOfCustomersOfPlans, licensesOfPlans, planIdsWhere, seatsOfPlans,
} from './catalog-impact.repository.ts';
import { consequence, type Consequence, type Impact, type Usage } from './catalog-impact.types.ts';
import { applyPlanPatch, applyPolicyPatch, diff, mergeName, planFields, type NamePatch, type PlanPatch, type PolicyPatch } from './catalog-patch.ts';
import { findProduct, getFeatureById, getPlan, getPolicy, listFeatures, loadPlans } from './catalog.repository.ts';
import { count } from './impact-text.ts';
import { planConsequences } from './plan-impact.rules.ts';
import { DRIFT_LOOKBACK_DAYS, policyConsequences, type PolicyFacts } from './policy-impact.rules.ts';

type Use = Pick<PolicyFacts, 'licenses' | 'seats'> & { usage: Usage };

/** Who uses the plans now: the licenses that give use, the seats held on them (of one feature, if given). */
async function loadUse(db: Db, planIds: string[], now: number, featureId?: string): Promise<Use> {
  const [all, seats] = await Promise.all([licensesOfPlans(db, planIds), seatsOfPlans(db, planIds, featureId)]);
  const licenses = all.filter((l) => licenseGrantsSlots(l, now));
  const held = seats.filter((s) => isSeatHeld(s.assignment, now));
  return {
    licenses,
    seats: held,
    usage: {
      plans: planIds.length, customers: new Set(licenses.map((l) => l.customerId)).size, licenses: licenses.length,
      seats: held.length, computers: held.filter((s) => s.activation !== null).length,
    },
  };
}

/** Drift and resets are read only when the change is about them. */
async function policyFacts(db: Db, planIds: string[], before: Policy, after: Policy, now: number, use: Use): Promise<PolicyFacts> {
  const budgetChanged = before.resetLimit !== after.resetLimit || before.resetWindowSeconds !== after.resetWindowSeconds;
  const window = Math.max(before.resetWindowSeconds, after.resetWindowSeconds) * 1000;
  const [drifts, resets] = await Promise.all([
    after.fingerprintTolerance < before.fingerprintTolerance ? driftsOfPlans(db, planIds, now - DRIFT_LOOKBACK_DAYS * DAY) : [],
    budgetChanged ? countedResetsOfPlans(db, planIds, now - window) : new Map<string, number[]>(),
  ]);
  return { now, licenses: use.licenses, seats: use.seats, drifts, resets };
}

function impactOf(subject: Impact['subject'], changes: ReturnType<typeof diff>, usage: Usage, consequences: Consequence[]): Impact {
  const list = Object.entries(changes).map(([field, { from, to }]) => ({ field, from, to }));
  const said = list.length ? consequences : [consequence('NO_CHANGE', 'info', 'Nothing would change: these are the values already saved.')];
  return { subject, changes: list, usage, consequences: said, allowed: !said.some((c) => c.severity === 'blocking') };
}

function renamed(customers: number, what: string): Consequence {
  return consequence('RENAMED', 'info', `${count(customers, 'customer')} see the new ${what} in the portal at once.`, { customers });
}

const settings = ({ id: _id, productId: _productId, ...rest }: Policy) => rest;

export async function policyImpact(db: Db, policy: Policy, patch: PolicyPatch, now: number): Promise<Impact> {
  const after = applyPolicyPatch(policy, patch);
  const changes = diff(settings(policy), settings(after));
  const planIds = await planIdsWhere(db, { policyId: policy.id });
  const use = await loadUse(db, planIds, now);
  const consequences = Object.keys(changes).every((field) => field === 'name')
    ? [consequence('NAME_ONLY', 'info', 'Only staff see a policy\'s name: nothing changes for customers, licenses or computers.')]
    : policyConsequences(policy, after, await policyFacts(db, planIds, policy, after, now, use));
  return impactOf({ type: 'policy', id: policy.id, name: after.name }, changes, use.usage, consequences);
}

const CUSTOMER_FIELDS = new Set(['priceCents', 'period', 'currency', 'slots']);

export async function planImpact(db: Db, plan: Plan, patch: PlanPatch, now: number): Promise<{ impact: Impact; after: Plan }> {
  const after = await applyPlanPatch(db, plan, patch);
  const changes = diff(planFields(plan), planFields(after));
  const use = await loadUse(db, [plan.id], now);
  // Pools and bills are over all of a customer's licenses, so those are read only when a change reaches them.
  const reachesCustomers = Object.keys(changes).some((field) => CUSTOMER_FIELDS.has(field));
  const [customerLicenses, customerAssignments, features] = reachesCustomers
    ? await Promise.all([licensesOfCustomersOfPlans(db, [plan.id]), assignmentsOfCustomersOfPlans(db, [plan.id]), listFeatures(db, plan.productId)])
    : [[], [], []];
  const plans = await loadPlans(db, { ids: [...new Set([plan.id, ...customerLicenses.map((l) => l.planId)])] });
  const consequences = planConsequences(plan, after, {
    now, licenses: use.licenses, customerLicenses, customerAssignments, plans, features: new Map(features.map((f) => [f.id, f])),
  });
  if (changes.policyId) {
    const [from, to] = [(await getPolicy(db, plan.policyId))!, (await getPolicy(db, after.policyId))!];
    consequences.push(consequence('POLICY_SWITCHED', 'info',
      `Licenses of this plan follow "${to.name}" instead of "${from.name}" from each computer's next check-in (${count(use.licenses.length, 'license')}).`,
      { from: from.name, to: to.name, licenses: use.licenses.length }));
    consequences.push(...policyConsequences(from, to, await policyFacts(db, [plan.id], from, to, now, use)));
  }
  return { impact: impactOf({ type: 'plan', id: plan.id, name: after.name.en }, changes, use.usage, consequences), after };
}

/** Refuses a change whose impact has a blocking consequence, naming them; SLOTS_IN_USE when seats in use would not fit. */
export function refuseIfBlocked(impact: Impact): void {
  const blocking = impact.consequences.filter((c) => c.severity === 'blocking');
  if (!blocking.length) return;
  const code = blocking.some((c) => c.code === 'SLOTS_OVER_CAPACITY') ? 'SLOTS_IN_USE' : 'INVALID_STATE';
  throw new DomainError(code, blocking.map((c) => c.message).join(' '), { consequences: blocking });
}

/**
 * Locks every customer holding the plan before its seats or currency are checked and changed, as a
 * seat change locks its customer: so assigned never exceeds capacity under concurrent assignments.
 */
export async function lockCustomersOfPlan(trx: Db, dialect: DialectName, planId: string): Promise<void> {
  for (const customerId of await customerIdsOfPlan(trx, planId)) await lockCustomer(trx, dialect, customerId);
}

/** What a catalogue change would affect, answered without changing anything. */
export class CatalogImpactService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  private get db() {
    return this.deps.database.db;
  }

  async policy(id: string, patch: PolicyPatch): Promise<Impact> {
    const policy = await getPolicy(this.db, id);
    if (!policy) throw new DomainError('NOT_FOUND', 'No such policy. List them with GET /v1/admin/policies.');
    return policyImpact(this.db, policy, patch, this.deps.clock.now());
  }

  async plan(idOrCode: string, patch: PlanPatch): Promise<Impact> {
    const plan = await getPlan(this.db, idOrCode);
    if (!plan) throw new DomainError('NOT_FOUND', `No plan "${idOrCode}". List them with GET /v1/admin/plans.`);
    return (await planImpact(this.db, plan, patch, this.deps.clock.now())).impact;
  }

  async feature(id: string, patch: { name?: NamePatch }): Promise<Impact> {
    const feature = await getFeatureById(this.db, id);
    if (!feature) throw new DomainError('NOT_FOUND', 'No such feature. List them with GET /v1/admin/features.');
    const changes = diff({ name: feature.name }, { name: mergeName(feature.name, patch.name) });
    const use = await loadUse(this.db, await planIdsWhere(this.db, { featureId: feature.id }), this.deps.clock.now(), feature.id);
    return impactOf({ type: 'feature', id: feature.id, name: mergeName(feature.name, patch.name).en }, changes, use.usage, [renamed(use.usage.customers, 'feature name')]);
  }

  async product(idOrCode: string, patch: { name?: string }): Promise<Impact> {
    const product = await findProduct(this.db, idOrCode);
    if (!product) throw new DomainError('NOT_FOUND', `No product "${idOrCode}". List them with GET /v1/admin/products.`);
    const name = patch.name ?? product.name;
    const use = await loadUse(this.db, await planIdsWhere(this.db, { productId: product.id }), this.deps.clock.now());
    return impactOf({ type: 'product', id: product.id, name }, diff({ name: product.name }, { name }), use.usage, [renamed(use.usage.customers, 'product name')]);
  }
}
