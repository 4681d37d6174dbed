import type { DialectName, LeaseholdDatabase } from '@leasehold/db';
import { createCustomer } from '../customers/customer.service.ts';
import { DEMO, seedDemoCatalog } from '../demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { issueLicense } from '../licenses/license.service.ts';
import { fingerprint, openTestDatabase, TEST_MASTER_KEY } from './harness.ts';

/** A fresh, migrated database with the demo catalogue, and the environment that points server processes at it. */
export interface SharedDatabase {
  dialect: DialectName;
  database: LeaseholdDatabase;
  catalog: Awaited<ReturnType<typeof seedDemoCatalog>>;
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

export async function openSharedDatabase(dialect: DialectName, env: NodeJS.ProcessEnv = {}): Promise<SharedDatabase> {
  const opened = await openTestDatabase(dialect);
  const catalog = await opened.database.transaction((trx) => seedDemoCatalog(trx, SYSTEM_ACTOR, Date.now()));
  const target = dialect === 'sqlite' ? { DATABASE_URL: '', LEASEHOLD_DATA_DIR: opened.dataDir } : { DATABASE_URL: opened.databaseUrl };
  return { dialect, database: opened.database, catalog, env: { LEASEHOLD_MASTER_KEY: TEST_MASTER_KEY, ...target, ...env }, cleanup: opened.cleanup };
}

export interface SeededCustomer {
  id: string;
  /** HTTP Basic header value with the registration details. */
  basic: string;
  licenseIds: string[];
}

/** A customer holding `count` licenses of the desktop plan: `count` machine seats. */
export async function seedDesktopCustomer(database: LeaseholdDatabase, count: number, name = 'Process Test Clinic'): Promise<SeededCustomer> {
  const now = Date.now();
  return database.transaction(async (trx) => {
    const { customer, registration } = await createCustomer(trx, { name }, SYSTEM_ACTOR, now);
    const licenseIds: string[] = [];
    for (let i = 0; i < count; i++) licenseIds.push((await issueLicense(trx, { customerId: customer.id, plan: DEMO.desktop.plan }, SYSTEM_ACTOR, now)).license.id);
    return {
      id: customer.id,
      basic: `Basic ${Buffer.from(`${registration.customerNumber}:${registration.registrationKey}`).toString('base64')}`,
      licenseIds,
    };
  });
}

export const activateBody = (seed: string) => ({
  product: DEMO.desktop.product,
  fingerprint: fingerprint(seed),
  hostName: `${seed}-pc`,
  platform: 'linux 6.8',
  appVersion: '5.2.0',
});

/** POSTs JSON over a real socket and returns the status and parsed body. */
export async function postJson(url: string, body: object, authorization: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
