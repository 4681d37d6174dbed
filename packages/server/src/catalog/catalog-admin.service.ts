import { DomainError, type Feature, type LocalizedText, type Plan, type Policy, type Product } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { pageOf } from '../http/paging.ts';
import {
  findProduct, getFeatureById, getPlan, getPolicy, listFeatures, listPolicies, listProducts, loadPlans,
  updateFeatureRow, updatePlanRow, updatePolicyRow, updateProductRow,
} from './catalog.repository.ts';
import { addUpgradePath, createFeature, createPlan, createPolicy, createProduct, type NewFeature, type NewPlan, type NewPolicy, type NewProduct } from './catalog.service.ts';

export interface NamePatch {
  en?: string;
  /** null removes the French name. */
  fr?: string | null;
}

export type PolicyPatch = Partial<Omit<Policy, 'id' | 'productId'>>;

export interface PlanPatch {
  name?: NamePatch;
  policyId?: string;
  priceCents?: number;
  currency?: string;
  period?: 'month' | 'year';
}

interface Page {
  limit: number;
  cursor?: string;
}

type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields whose values differ, as `{ field: { from, to } }`: what a `*.updated` event records. */
function diff<T extends object>(before: T, after: T): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

function mergeName(name: LocalizedText, patch: NamePatch | undefined): LocalizedText {
  if (!patch) return name;
  const fr = patch.fr === undefined ? name.fr : patch.fr ?? undefined;
  return { en: patch.en ?? name.en, ...(fr ? { fr } : {}) };
}

/** Settings that would lock out a correct app are refused, whether the policy is new or changed. */
export function checkPolicySettings(p: Omit<Policy, 'id' | 'productId'>): void {
  const errors: { field: string; message: string }[] = [];
  if (p.leaseSeconds < p.checkInIntervalSeconds) {
    errors.push({ field: 'body.leaseSeconds', message: 'must be at least checkInIntervalSeconds, or the app loses its lease before it is due to check in' });
  }
  if (p.minComponents > 0 && p.fingerprintTolerance >= p.minComponents) {
    errors.push({ field: 'body.fingerprintTolerance', message: 'must be less than minComponents, or a computer sharing no component would count as the same one' });
  }
  if (errors.length) {
    throw new DomainError('VALIDATION_FAILED', `The policy settings do not fit together: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
  }
}

export async function updateProduct(trx: Db, id: string, patch: { name?: string }, actor: Actor, now: number): Promise<Product> {
  const product = await findProduct(trx, id);
  if (!product) throw new DomainError('NOT_FOUND', 'No such product.');
  const changes = diff({ name: product.name }, { name: patch.name ?? product.name });
  if (changes.name) {
    await updateProductRow(trx, product.id, { name: patch.name });
    await insertEvent(trx, { customerId: null, type: 'product.updated', actor, subjectType: 'product', subjectId: product.id, data: { changes } }, now);
  }
  return (await findProduct(trx, product.id))!;
}

export async function updateFeature(trx: Db, id: string, patch: { name?: NamePatch }, actor: Actor, now: number): Promise<Feature> {
  const feature = await getFeatureById(trx, id);
  if (!feature) throw new DomainError('NOT_FOUND', 'No such feature.');
  const name = mergeName(feature.name, patch.name);
  const changes = diff({ name: feature.name }, { name });
  if (changes.name) {
    await updateFeatureRow(trx, id, { name_en: name.en, name_fr: name.fr ?? null });
    await insertEvent(trx, { customerId: null, type: 'feature.updated', actor, subjectType: 'feature', subjectId: id, data: { changes } }, now);
  }
  return (await getFeatureById(trx, id))!;
}

/** Changes apply to every license of the policy's plans from their next check-in; existing terms keep their end date. */
export async function updatePolicy(trx: Db, id: string, patch: PolicyPatch, actor: Actor, now: number): Promise<Policy> {
  const policy = await getPolicy(trx, id);
  if (!policy) throw new DomainError('NOT_FOUND', 'No such policy.');
  const { id: _id, productId: _productId, ...before } = policy;
  const after = { ...before, ...patch };
  checkPolicySettings(after);
  const changes = diff(before, after);
  if (Object.keys(changes).length) {
    await updatePolicyRow(trx, id, {
      name: after.name, mode: after.mode, check_in_interval_seconds: after.checkInIntervalSeconds, lease_seconds: after.leaseSeconds,
      fingerprint_tolerance: after.fingerprintTolerance, min_components: after.minComponents, reset_limit: after.resetLimit,
      reset_window_seconds: after.resetWindowSeconds, heartbeat_seconds: after.heartbeatSeconds, term_days: after.termDays,
    });
    await insertEvent(trx, { customerId: null, type: 'policy.updated', actor, subjectType: 'policy', subjectId: id, data: { changes } }, now);
  }
  return (await getPolicy(trx, id))!;
}

/** A price change applies from the next bill; licenses already issued keep their plan. */
export async function updatePlan(trx: Db, id: string, patch: PlanPatch, actor: Actor, now: number): Promise<Plan> {
  const plan = await getPlan(trx, id);
  if (!plan) throw new DomainError('NOT_FOUND', 'No such plan.');
  if (patch.policyId !== undefined) {
    const policy = await getPolicy(trx, patch.policyId);
    if (!policy || policy.productId !== plan.productId) throw new DomainError('NOT_FOUND', 'No such policy for this plan\'s product.');
  }
  const pick = (p: Plan) => ({ name: p.name, policyId: p.policyId, priceCents: p.priceCents, currency: p.currency, period: p.period });
  const after = {
    name: mergeName(plan.name, patch.name),
    policyId: patch.policyId ?? plan.policyId,
    priceCents: patch.priceCents ?? plan.priceCents,
    currency: patch.currency?.toUpperCase() ?? plan.currency,
    period: patch.period ?? plan.period,
  };
  const changes = diff(pick(plan), after);
  if (Object.keys(changes).length) {
    await updatePlanRow(trx, id, {
      name_en: after.name.en, name_fr: after.name.fr ?? null, policy_id: after.policyId, price_cents: after.priceCents, currency: after.currency, period: after.period,
    });
    await insertEvent(trx, { customerId: null, type: 'plan.updated', actor, subjectType: 'plan', subjectId: id, data: { changes } }, now);
  }
  return (await getPlan(trx, id))!;
}

/** The admin API's catalogue: products, features, policies and plans. */
export class CatalogAdminService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  private get db() {
    return this.deps.database.db;
  }

  private write<T>(fn: (trx: Db, now: number) => Promise<T>): Promise<T> {
    const now = this.deps.clock.now();
    return this.deps.database.transaction((trx) => fn(trx, now));
  }

  private async product(idOrCode: string): Promise<Product> {
    const product = await findProduct(this.db, idOrCode);
    if (!product) throw new DomainError('NOT_FOUND', `No product "${idOrCode}". List them with GET /v1/admin/products.`);
    return product;
  }

  private async productFilter(idOrCode: string | undefined): Promise<string | undefined> {
    return idOrCode === undefined ? undefined : (await this.product(idOrCode)).id;
  }

  async listProducts(page: Page) {
    return pageOf(await listProducts(this.db), page.limit, page.cursor);
  }

  getProduct(idOrCode: string) {
    return this.product(idOrCode);
  }

  createProduct(actor: Actor, input: NewProduct) {
    return this.write((trx, now) => createProduct(trx, input, actor, now));
  }

  updateProduct(actor: Actor, id: string, patch: { name?: string }) {
    return this.write((trx, now) => updateProduct(trx, id, patch, actor, now));
  }

  async listFeatures(product: string | undefined, page: Page) {
    return pageOf(await listFeatures(this.db, await this.productFilter(product)), page.limit, page.cursor);
  }

  async getFeature(id: string) {
    const feature = await getFeatureById(this.db, id);
    if (!feature) throw new DomainError('NOT_FOUND', 'No such feature.');
    return feature;
  }

  createFeature(actor: Actor, { product, ...input }: NewFeature & { product: string }) {
    return this.write((trx, now) => createFeature(trx, product, input, actor, now));
  }

  updateFeature(actor: Actor, id: string, patch: { name?: NamePatch }) {
    return this.write((trx, now) => updateFeature(trx, id, patch, actor, now));
  }

  async listPolicies(product: string | undefined, page: Page) {
    return pageOf(await listPolicies(this.db, await this.productFilter(product)), page.limit, page.cursor);
  }

  async getPolicy(id: string) {
    const policy = await getPolicy(this.db, id);
    if (!policy) throw new DomainError('NOT_FOUND', 'No such policy.');
    return policy;
  }

  createPolicy(actor: Actor, { product, ...input }: NewPolicy & { product: string }) {
    checkPolicySettings(input);
    return this.write((trx, now) => createPolicy(trx, product, input, actor, now));
  }

  updatePolicy(actor: Actor, id: string, patch: PolicyPatch) {
    return this.write((trx, now) => updatePolicy(trx, id, patch, actor, now));
  }

  async listPlans(product: string | undefined, page: Page) {
    const plans = await loadPlans(this.db, { productId: await this.productFilter(product) });
    return pageOf([...plans.values()], page.limit, page.cursor);
  }

  async getPlan(idOrCode: string) {
    const plan = await getPlan(this.db, idOrCode);
    if (!plan) throw new DomainError('NOT_FOUND', `No plan "${idOrCode}".`);
    return plan;
  }

  createPlan(actor: Actor, { product, ...input }: NewPlan & { product: string }) {
    return this.write((trx, now) => createPlan(trx, product, input, actor, now));
  }

  updatePlan(actor: Actor, id: string, patch: PlanPatch) {
    return this.write((trx, now) => updatePlan(trx, id, patch, actor, now));
  }

  /** Lets licenses of this plan be upgraded by the customer to `to`. */
  addUpgradePath(actor: Actor, id: string, to: string) {
    return this.write(async (trx, now) => {
      const plan = await getPlan(trx, id);
      if (!plan) throw new DomainError('NOT_FOUND', 'No such plan.');
      const target = await getPlan(trx, to, plan.productId);
      if (target && plan.upgradesTo.includes(target.id)) throw new DomainError('ALREADY_EXISTS', `${plan.code} can already be upgraded to ${target.code}.`);
      await addUpgradePath(trx, plan.id, to, plan.productId);
      const updated = (await getPlan(trx, plan.id))!;
      await insertEvent(trx, { customerId: null, type: 'plan.upgrade_added', actor, subjectType: 'plan', subjectId: plan.id, data: { to: target?.code ?? to } }, now);
      return updated;
    });
  }
}
