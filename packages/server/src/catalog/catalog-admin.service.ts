import { DomainError, type Feature, type Plan, type Policy, type Product } from '@leasehold/core';
import type { Db, DialectName } from '@leasehold/db';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { pageOf } from '../http/paging.ts';
import {
  findProduct, getFeatureById, getPlan, getPolicy, listFeatures, listPolicies, listProducts, loadPlans,
  replacePlanSlots, updateFeatureRow, updatePlanRow, updatePolicyRow, updateProductRow,
} from './catalog.repository.ts';
import { lockCustomersOfPlan, planImpact, refuseIfBlocked } from './catalog-impact.service.ts';
import { applyPlanPatch, applyPolicyPatch, checkPolicySettings, diff, mergeName, planFields, type NamePatch, type PlanPatch, type PolicyPatch } from './catalog-patch.ts';
import { addUpgradePath, createFeature, removeUpgradePath, createPlan, createPolicy, createProduct, type NewFeature, type NewPlan, type NewPolicy, type NewProduct } from './catalog.service.ts';

interface Page {
  limit: number;
  cursor?: string;
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
  const { id: _id2, productId: _productId2, ...after } = applyPolicyPatch(policy, patch);
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

/**
 * A price change applies to licenses issued or moved after it (bills keep the price a license took,
 * docs/billing.md). New slots apply to every license of the plan at once, so a change that would
 * leave a customer with more seats assigned than licensed, or with licenses in two currencies, is
 * refused (catalog-impact.service.ts says which customers).
 */
export async function updatePlan(trx: Db, dialect: DialectName, id: string, patch: PlanPatch, actor: Actor, now: number): Promise<Plan> {
  const plan = await getPlan(trx, id);
  if (!plan) throw new DomainError('NOT_FOUND', 'No such plan.');
  let after: Plan;
  if (patch.slots !== undefined || patch.currency !== undefined) {
    await lockCustomersOfPlan(trx, dialect, plan.id);
    const checked = await planImpact(trx, plan, patch, now);
    refuseIfBlocked(checked.impact);
    after = checked.after;
  } else {
    after = await applyPlanPatch(trx, plan, patch);
  }
  const changes = diff(planFields(plan), planFields(after));
  if (Object.keys(changes).length) {
    await updatePlanRow(trx, plan.id, {
      name_en: after.name.en, name_fr: after.name.fr ?? null, policy_id: after.policyId, price_cents: after.priceCents, currency: after.currency, period: after.period,
    });
    if (changes.slots) await replacePlanSlots(trx, plan.id, after.slots);
    await insertEvent(trx, { customerId: null, type: 'plan.updated', actor, subjectType: 'plan', subjectId: plan.id, data: { changes } }, now);
  }
  return (await getPlan(trx, plan.id))!;
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
    return this.write((trx, now) => updatePlan(trx, this.deps.database.dialect, id, patch, actor, now));
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

  /**
   * Stops offering customers the upgrade of this plan to `to`. Licenses already upgraded keep their
   * plan; customers holding this plan can no longer make that upgrade in the portal.
   */
  removeUpgradePath(actor: Actor, id: string, to: string) {
    return this.write(async (trx, now) => {
      const plan = await getPlan(trx, id);
      if (!plan) throw new DomainError('NOT_FOUND', 'No such plan.');
      const target = await getPlan(trx, to, plan.productId);
      if (!target || !plan.upgradesTo.includes(target.id)) {
        throw new DomainError('NOT_FOUND', `${plan.code} has no upgrade path to "${to}": there is nothing to remove. Its upgrade paths are in the plan's upgradesTo.`);
      }
      await removeUpgradePath(trx, plan.id, target.id);
      await insertEvent(trx, { customerId: null, type: 'plan.upgrade_removed', actor, subjectType: 'plan', subjectId: plan.id, data: { to: target.code } }, now);
      return (await getPlan(trx, plan.id))!;
    });
  }
}
