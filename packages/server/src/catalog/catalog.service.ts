import { randomBytes } from 'node:crypto';
import { DomainError, type Feature, type Plan, type Policy, type Product } from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { findFeature, findProduct, getPlan, getPolicy, rowToFeature, rowToPolicy, rowToProduct } from './catalog.repository.ts';

export interface NewProduct {
  code: string;
  name: string;
}

export interface NewFeature {
  code: string;
  name: { en: string; fr?: string };
  seatKind: string;
}

export type NewPolicy = Omit<Policy, 'id' | 'productId'>;

export interface NewPlan {
  code: string;
  name: { en: string; fr?: string };
  policyId: string;
  priceCents: number;
  currency: string;
  period: 'month' | 'year';
  slots: { feature: string; quantity: number }[];
  upgradesTo?: string[];
}

export async function createProduct(trx: Db, input: NewProduct, actor: Actor, now: number): Promise<Product> {
  if (await findProduct(trx, input.code)) throw new DomainError('ALREADY_EXISTS', `A product with code "${input.code}" already exists.`);
  const row = { id: newId(now), code: input.code, name: input.name, fingerprint_salt: randomBytes(16).toString('base64url'), created_at: now };
  await trx.insertInto('products').values(row).execute();
  await insertEvent(trx, { customerId: null, type: 'product.created', actor, subjectType: 'product', subjectId: row.id, data: { code: input.code } }, now);
  return rowToProduct(row);
}

export async function createFeature(trx: Db, productId: string, input: NewFeature, actor: Actor, now: number): Promise<Feature> {
  const product = await findProduct(trx, productId);
  if (!product) throw new DomainError('NOT_FOUND', 'No such product.');
  if (await findFeature(trx, product.id, input.code)) throw new DomainError('ALREADY_EXISTS', `Product "${product.code}" already has a feature "${input.code}".`);
  const row = { id: newId(now), product_id: product.id, code: input.code, name_en: input.name.en, name_fr: input.name.fr ?? null, seat_kind: input.seatKind, created_at: now };
  await trx.insertInto('features').values(row).execute();
  await insertEvent(trx, { customerId: null, type: 'feature.created', actor, subjectType: 'feature', subjectId: row.id, data: { product: product.code, code: input.code } }, now);
  return rowToFeature(row);
}

export async function createPolicy(trx: Db, productId: string, input: NewPolicy, actor: Actor, now: number): Promise<Policy> {
  const product = await findProduct(trx, productId);
  if (!product) throw new DomainError('NOT_FOUND', 'No such product.');
  const row = {
    id: newId(now),
    product_id: product.id,
    name: input.name,
    mode: input.mode,
    check_in_interval_seconds: input.checkInIntervalSeconds,
    lease_seconds: input.leaseSeconds,
    fingerprint_tolerance: input.fingerprintTolerance,
    min_components: input.minComponents,
    reset_limit: input.resetLimit,
    reset_window_seconds: input.resetWindowSeconds,
    heartbeat_seconds: input.heartbeatSeconds,
    term_days: input.termDays,
    created_at: now,
  };
  await trx.insertInto('policies').values(row).execute();
  await insertEvent(trx, { customerId: null, type: 'policy.created', actor, subjectType: 'policy', subjectId: row.id, data: { name: input.name } }, now);
  return rowToPolicy(row);
}

export async function createPlan(trx: Db, productId: string, input: NewPlan, actor: Actor, now: number): Promise<Plan> {
  const product = await findProduct(trx, productId);
  if (!product) throw new DomainError('NOT_FOUND', 'No such product.');
  if (await getPlan(trx, input.code, product.id)) throw new DomainError('ALREADY_EXISTS', `Product "${product.code}" already has a plan "${input.code}".`);
  const policy = await getPolicy(trx, input.policyId);
  if (!policy || policy.productId !== product.id) throw new DomainError('NOT_FOUND', 'No such policy for this product.');
  const id = newId(now);
  await trx.insertInto('plans').values({
    id, product_id: product.id, code: input.code, name_en: input.name.en, name_fr: input.name.fr ?? null, policy_id: policy.id,
    price_cents: input.priceCents, currency: input.currency.toUpperCase(), period: input.period, created_at: now,
  }).execute();
  for (const slot of input.slots) {
    const feature = await findFeature(trx, product.id, slot.feature);
    if (!feature) throw new DomainError('NOT_FOUND', `Product "${product.code}" has no feature "${slot.feature}".`);
    await trx.insertInto('plan_slots').values({ plan_id: id, feature_id: feature.id, quantity: slot.quantity }).execute();
  }
  for (const target of input.upgradesTo ?? []) await addUpgradePath(trx, id, target, product.id);
  await insertEvent(trx, { customerId: null, type: 'plan.created', actor, subjectType: 'plan', subjectId: id, data: { product: product.code, code: input.code } }, now);
  return (await getPlan(trx, id))!;
}

/** Lets licenses of plan `fromPlanId` be upgraded in place to `to` (id or code, same product). */
export async function addUpgradePath(trx: Db, fromPlanId: string, to: string, productId: string): Promise<void> {
  const target = await getPlan(trx, to, productId);
  if (!target) throw new DomainError('NOT_FOUND', `No plan "${to}" to upgrade to in this product.`);
  if (target.id === fromPlanId) throw new DomainError('VALIDATION_FAILED', 'A plan cannot be upgraded to itself.');
  await trx.insertInto('plan_upgrades').values({ from_plan_id: fromPlanId, to_plan_id: target.id }).execute();
}

export async function removeUpgradePath(trx: Db, fromPlanId: string, toPlanId: string): Promise<void> {
  await trx.deleteFrom('plan_upgrades').where('from_plan_id', '=', fromPlanId).where('to_plan_id', '=', toPlanId).execute();
}
