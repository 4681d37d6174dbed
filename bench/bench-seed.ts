import { migrateToLatest, openDatabase, type LeaseholdDatabase } from '@leasehold/db';
import { createPlan } from '../packages/server/src/catalog/catalog.service.ts';
import { createCustomer } from '../packages/server/src/customers/customer.service.ts';
import { DEMO, seedDemoCatalog } from '../packages/server/src/demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../packages/server/src/events/event.repository.ts';
import { issueLicense } from '../packages/server/src/licenses/license.service.ts';

export const SITE_PLAN = 'bench-site';

export interface BenchCustomer {
  id: string;
  basic: string;
}

/** The demo catalogue plus a site plan of the desktop product with a million seats in one license. */
export async function seedCatalog(dataDir: string): Promise<void> {
  const database = openDatabase({ dataDir, sqliteSynchronous: 'normal' });
  try {
    await migrateToLatest(database.db);
    const now = Date.now();
    await database.transaction(async (trx) => {
      const catalog = await seedDemoCatalog(trx, SYSTEM_ACTOR, now);
      await createPlan(trx, catalog.desktop.id, {
        code: SITE_PLAN, name: { en: 'Site licence' }, policyId: catalog.desktopPolicy.id, priceCents: 0, currency: 'CAD', period: 'year',
        slots: [{ feature: DEMO.desktop.feature, quantity: 1_000_000 }],
      }, SYSTEM_ACTOR, now);
    });
  } finally {
    await database.close();
  }
}

/** `count` customers, each holding `licenses` licenses of `plan`. */
export async function seedCustomers(dataDir: string, count: number, plan: string, licenses: number): Promise<BenchCustomer[]> {
  const database: LeaseholdDatabase = openDatabase({ dataDir, sqliteSynchronous: 'normal' });
  try {
    const now = Date.now();
    return await database.transaction(async (trx) => {
      const customers: BenchCustomer[] = [];
      for (let c = 0; c < count; c++) {
        const { customer, registration } = await createCustomer(trx, { name: `Bench Clinic ${c}` }, SYSTEM_ACTOR, now);
        for (let l = 0; l < licenses; l++) await issueLicense(trx, { customerId: customer.id, plan }, SYSTEM_ACTOR, now);
        customers.push({ id: customer.id, basic: `Basic ${Buffer.from(`${registration.customerNumber}:${registration.registrationKey}`).toString('base64')}` });
      }
      return customers;
    });
  } finally {
    await database.close();
  }
}
