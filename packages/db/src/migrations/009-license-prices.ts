import { sql, type Kysely } from 'kysely';

const PRICED_EVENTS = ['license.issued', 'license.plan_changed'];

/**
 * A license is billed at the price its plan had when the license took it (the monthly bills have
 * always prorated from the price its event recorded); the license row now keeps that price too, so
 * the client portal shows what is billed, not today's catalogue price. Each license gets the price
 * its latest issue or plan-change event recorded for its current plan, or, where the event is older
 * than recorded prices, today's price of its plan, as the bills do.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('licenses').addColumn('price_cents', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('licenses').addColumn('currency', 'text', (c) => c.notNull().defaultTo('CAD')).execute();
  await db.schema.alterTable('licenses').addColumn('period', 'text', (c) => c.notNull().defaultTo('month')).execute();

  const licenses = await db.selectFrom('licenses').select(['id', 'plan_id']).execute();
  if (licenses.length === 0) return;
  const plans = new Map((await db.selectFrom('plans').select(['id', 'price_cents', 'currency', 'period']).execute()).map((p) => [p.id, p]));
  const recorded = new Map<string, { planId: unknown; priceCents: unknown; currency: unknown; period: unknown }>();
  const events = await db.selectFrom('events').select(['subject_id', 'data']).where('subject_type', '=', 'license').where('type', 'in', PRICED_EVENTS).orderBy('id').execute();
  for (const event of events) recorded.set(event.subject_id, JSON.parse(event.data));
  for (const license of licenses) {
    const plan = plans.get(license.plan_id);
    const data = recorded.get(license.id);
    const price = data && data.planId === license.plan_id && typeof data.priceCents === 'number' && typeof data.currency === 'string' && (data.period === 'month' || data.period === 'year')
      ? { price_cents: data.priceCents, currency: data.currency, period: data.period }
      : plan ? { price_cents: Number(plan.price_cents), currency: plan.currency, period: plan.period } : null;
    if (price) await db.updateTable('licenses').set(price).where('id', '=', license.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['price_cents', 'currency', 'period']) await sql`alter table licenses drop column ${sql.ref(column)}`.execute(db);
}
