import type { Db } from '@leasehold/db';

/** The events that change what a license costs. Suspension does not: a suspended license is still billed. */
export const BILLED_LICENSE_EVENTS = ['license.issued', 'license.plan_changed', 'license.cancelled'] as const;

export interface LicenseEventRow {
  customerId: string;
  licenseId: string;
  type: (typeof BILLED_LICENSE_EVENTS)[number];
  data: Record<string, unknown>;
  createdAt: number;
}

/** License events written before `before`, of one customer or of all, in the order they happened. */
export async function listLicenseEvents(db: Db, before: number, customerId?: string): Promise<LicenseEventRow[]> {
  let query = db
    .selectFrom('events')
    .select(['customer_id', 'subject_id', 'type', 'data', 'created_at'])
    .where('type', 'in', [...BILLED_LICENSE_EVENTS])
    .where('subject_type', '=', 'license')
    .where('created_at', '<', before);
  if (customerId) query = query.where('customer_id', '=', customerId);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => ({
    customerId: r.customer_id!, licenseId: r.subject_id, type: r.type as LicenseEventRow['type'], data: JSON.parse(r.data), createdAt: Number(r.created_at),
  }));
}

export interface BilledCustomer {
  id: string;
  number: string;
  name: string;
}

export async function listCustomersById(db: Db, ids: string[]): Promise<Map<string, BilledCustomer>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('customers').select(['id', 'number', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Today's catalogue prices by plan code: for license events written before they recorded the price. */
export async function listPlanPrices(db: Db): Promise<Map<string, { code: string; name: string; priceCents: number; currency: string; period: 'month' | 'year' }>> {
  const rows = await db.selectFrom('plans').select(['code', 'name_en', 'price_cents', 'currency', 'period']).execute();
  return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name_en, priceCents: Number(r.price_cents), currency: r.currency, period: r.period }]));
}
