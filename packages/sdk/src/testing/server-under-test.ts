import type { DialectName } from '@leasehold/db';
import { createCustomer, createPlan, createPolicy, issueLicense, SYSTEM_ACTOR } from '@leasehold/server';
import { openSharedDatabase, type SharedDatabase } from '@leasehold/server/testing/server-fixture.ts';
import { spawnServer, type ServerChild } from '@leasehold/server/testing/spawn.ts';
import type { Credentials } from '../state-store.ts';

// Test support only: the SDK itself never imports the server packages.

/** A real server process on loopback over a freshly seeded database (the demo catalogue). */
export interface ServerUnderTest {
  url: string;
  product: string;
  fingerprintSalt: string;
  shared: SharedDatabase;
  server: ServerChild;
  /** A customer holding `seats` licenses of the plan (the desktop plan unless named). */
  customer(seats?: number, plan?: string): Promise<{ id: string; credentials: Credentials & { customerNumber: string; registrationKey: string } }>;
  /** A floating plan for the desktop product: 5-minute heartbeat window. */
  floatingPlan(): Promise<string>;
  stop(): Promise<void>;
}

export async function startServerUnderTest(dialect: DialectName): Promise<ServerUnderTest> {
  const shared = await openSharedDatabase(dialect);
  const server = await spawnServer(shared.env);
  let floating: string | null = null;
  return {
    url: server.url,
    product: shared.catalog.desktop.code,
    fingerprintSalt: shared.catalog.desktop.fingerprintSalt,
    shared,
    server,
    async customer(seats = 1, plan = shared.catalog.desktopPlan.code) {
      const now = Date.now();
      return shared.database.transaction(async (trx) => {
        const { customer, registration } = await createCustomer(trx, { name: 'SDK Test Clinic' }, SYSTEM_ACTOR, now);
        for (let i = 0; i < seats; i++) await issueLicense(trx, { customerId: customer.id, plan }, SYSTEM_ACTOR, now);
        return { id: customer.id, credentials: { customerNumber: registration.customerNumber, registrationKey: registration.registrationKey } };
      });
    },
    async floatingPlan() {
      if (floating) return floating;
      const now = Date.now();
      const product = shared.catalog.desktop;
      floating = await shared.database.transaction(async (trx) => {
        const policy = await createPolicy(trx, product.id, {
          name: 'Floating: 5-minute heartbeat', mode: 'floating', checkInIntervalSeconds: 3600, leaseSeconds: 3600, fingerprintTolerance: 2, minComponents: 3,
          resetLimit: 3, resetWindowSeconds: 365 * 86400, heartbeatSeconds: 300, termDays: null,
        }, SYSTEM_ACTOR, now);
        const plan = await createPlan(trx, product.id, {
          code: 'desktop-floating', name: { en: 'Floating' }, policyId: policy.id, priceCents: 1000, currency: 'CAD', period: 'month',
          slots: [{ feature: 'desktop', quantity: 1 }],
        }, SYSTEM_ACTOR, now);
        return plan.code;
      });
      return floating;
    },
    async stop() {
      server.kill('SIGTERM');
      await server.exited;
      await shared.cleanup();
    },
  };
}
