import type { Feature, Plan, Policy, Product } from '@leasehold/core';
import type { Db, FeatureTable, PlanTable, PolicyTable, ProductTable } from '@leasehold/db';

export function rowToProduct(row: ProductTable): Product {
  return { id: row.id, code: row.code, name: row.name, fingerprintSalt: row.fingerprint_salt };
}

export function rowToFeature(row: FeatureTable): Feature {
  return { id: row.id, productId: row.product_id, code: row.code, name: { en: row.name_en, ...(row.name_fr ? { fr: row.name_fr } : {}) }, seatKind: row.seat_kind };
}

export function rowToPolicy(row: PolicyTable): Policy {
  return {
    id: row.id,
    productId: row.product_id,
    name: row.name,
    mode: row.mode,
    checkInIntervalSeconds: row.check_in_interval_seconds,
    leaseSeconds: row.lease_seconds,
    fingerprintTolerance: row.fingerprint_tolerance,
    minComponents: row.min_components,
    resetLimit: row.reset_limit,
    resetWindowSeconds: row.reset_window_seconds,
    heartbeatSeconds: row.heartbeat_seconds,
    termDays: row.term_days,
  };
}

export async function findProduct(db: Db, idOrCode: string): Promise<Product | null> {
  const row = await db.selectFrom('products').selectAll().where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)])).executeTakeFirst();
  return row ? rowToProduct(row) : null;
}

export async function listProducts(db: Db): Promise<Product[]> {
  return (await db.selectFrom('products').selectAll().orderBy('code').execute()).map(rowToProduct);
}

export async function findFeature(db: Db, productId: string, idOrCode: string): Promise<Feature | null> {
  const row = await db
    .selectFrom('features')
    .selectAll()
    .where('product_id', '=', productId)
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  return row ? rowToFeature(row) : null;
}

export async function getFeatureById(db: Db, id: string): Promise<Feature | null> {
  const row = await db.selectFrom('features').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToFeature(row) : null;
}

export async function listFeatures(db: Db, productId?: string): Promise<Feature[]> {
  let query = db.selectFrom('features').selectAll();
  if (productId) query = query.where('product_id', '=', productId);
  return (await query.orderBy('product_id').orderBy('code').execute()).map(rowToFeature);
}

export async function getPolicy(db: Db, id: string): Promise<Policy | null> {
  const row = await db.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToPolicy(row) : null;
}

export async function listPolicies(db: Db, productId?: string): Promise<Policy[]> {
  let query = db.selectFrom('policies').selectAll();
  if (productId) query = query.where('product_id', '=', productId);
  return (await query.orderBy('name').execute()).map(rowToPolicy);
}

/** Plans with their slots and upgrade paths, keyed by id; the domain's pool and price functions take this map. */
export async function loadPlans(db: Db, where: { productId?: string; ids?: string[] } = {}): Promise<Map<string, Plan>> {
  let query = db.selectFrom('plans').selectAll();
  if (where.productId) query = query.where('product_id', '=', where.productId);
  if (where.ids) {
    if (where.ids.length === 0) return new Map();
    query = query.where('id', 'in', where.ids);
  }
  const rows = await query.orderBy('code').execute();
  if (rows.length === 0) return new Map();
  const ids = rows.map((r) => r.id);
  const [slots, upgrades] = await Promise.all([
    db.selectFrom('plan_slots').selectAll().where('plan_id', 'in', ids).execute(),
    db.selectFrom('plan_upgrades').selectAll().where('from_plan_id', 'in', ids).execute(),
  ]);
  return new Map(rows.map((row) => [row.id, rowToPlan(row, slots, upgrades)]));
}

function rowToPlan(row: PlanTable, slots: { plan_id: string; feature_id: string; quantity: number }[], upgrades: { from_plan_id: string; to_plan_id: string }[]): Plan {
  return {
    id: row.id,
    productId: row.product_id,
    code: row.code,
    name: { en: row.name_en, ...(row.name_fr ? { fr: row.name_fr } : {}) },
    policyId: row.policy_id,
    priceCents: row.price_cents,
    currency: row.currency,
    period: row.period,
    slots: slots.filter((s) => s.plan_id === row.id).map((s) => ({ featureId: s.feature_id, quantity: s.quantity })),
    upgradesTo: upgrades.filter((u) => u.from_plan_id === row.id).map((u) => u.to_plan_id),
  };
}

export async function getPlan(db: Db, idOrCode: string, productId?: string): Promise<Plan | null> {
  let query = db.selectFrom('plans').select('id').where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]));
  if (productId) query = query.where('product_id', '=', productId);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return (await loadPlans(db, { ids: [row.id] })).get(row.id) ?? null;
}

export async function updateProductRow(db: Db, id: string, changes: Partial<Pick<ProductTable, 'name'>>): Promise<void> {
  await db.updateTable('products').set(changes).where('id', '=', id).execute();
}

export async function updateFeatureRow(db: Db, id: string, changes: Partial<Pick<FeatureTable, 'name_en' | 'name_fr'>>): Promise<void> {
  await db.updateTable('features').set(changes).where('id', '=', id).execute();
}

export async function updatePolicyRow(db: Db, id: string, changes: Partial<Omit<PolicyTable, 'id' | 'product_id' | 'created_at'>>): Promise<void> {
  await db.updateTable('policies').set(changes).where('id', '=', id).execute();
}

export async function updatePlanRow(db: Db, id: string, changes: Partial<Pick<PlanTable, 'name_en' | 'name_fr' | 'policy_id' | 'price_cents' | 'currency' | 'period'>>): Promise<void> {
  await db.updateTable('plans').set(changes).where('id', '=', id).execute();
}

export async function replacePlanSlots(db: Db, planId: string, slots: { featureId: string; quantity: number }[]): Promise<void> {
  await db.deleteFrom('plan_slots').where('plan_id', '=', planId).execute();
  if (slots.length) await db.insertInto('plan_slots').values(slots.map((s) => ({ plan_id: planId, feature_id: s.featureId, quantity: s.quantity }))).execute();
}
