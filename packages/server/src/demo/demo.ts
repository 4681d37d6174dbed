import type { SecretBox } from '../encryption/secret-box.ts';
import { DAY, DomainError, HOUR } from '@leasehold/core';
import type { Db, LeaseholdDatabase } from '@leasehold/db';
import { ActivationService } from '../activations/activation.service.ts';
import { createAdminKey } from '../admin-keys/admin-key.service.ts';
import { createCustomer } from '../customers/customer.service.ts';
import type { Clock } from '../deps.ts';
import { SYSTEM_ACTOR, type Actor } from '../events/event.repository.ts';
import type { CustomerPrincipal } from '../http/auth.ts';
import { IntegrationService } from '../integration/integration.service.ts';
import { createIntegrationKey } from '../integration-keys/integration-key.service.ts';
import { issueLicense } from '../licenses/license.service.ts';
import { SeatService } from '../seats/seat.service.ts';
import { createSigner } from '../signing/signing.service.ts';
import { DEMO, seedDemoCatalog } from './demo-catalog.ts';
import { DEMO_CUSTOMER, DEMO_LICENSES, DEMO_RESOURCES, demoMachine } from './demo-customer.ts';
import { countCustomersAndProducts } from './demo.repository.ts';
import { createStaffUser, generateStaffPassword } from '../staff/staff-auth.service.ts';

/** What the demo prints once: every credential it made, each shown only now. */
export interface DemoCredentials {
  adminApiKey: string;
  integrationKey: string;
  customer: { id: string; number: string; name: string; registrationKey: string };
  /** The product code the demo computer activates, for trying the machine API. */
  desktopProduct: string;
  /** Where the customer portal is served, relative to the server's URL. */
  portalPath: string;
  /** The demo owner of the admin console, and where the console is served. */
  staff: { email: string; password: string };
  adminPath: string;
}

export interface DemoOptions {
  /** The lease issuer of the demo computer's check-ins. */
  publicUrl?: string;
  /** Who sets up the catalogue, customer and keys (the CLI, or the system). */
  actor?: Actor;
}

/** The demo seeds only a database with no customers and no products. */
export async function demoSeedable(db: Db): Promise<boolean> {
  const counts = await countCustomersAndProducts(db);
  return counts.customers === 0 && counts.products === 0;
}

export const DEMO_STAFF_EMAIL = 'owner@vendor.example';

const at = (time: number): Clock => ({ now: () => time });

/**
 * Seeds the demo through the services, so every change has its event and the history reads as a
 * month of use: the catalogue, the clinic and its licenses a month ago; the EMR bridge reporting
 * providers and schedules three weeks ago, and the clinic assigning them the day after; the
 * reception computer activating, then checking in after a disk replacement (recorded as drift); and
 * the bridge's latest report an hour ago, with one provider and one schedule in each health state.
 * Refuses (CONFLICT) a database that has customers or products.
 */
export async function seedDemo(database: LeaseholdDatabase, clock: Clock, secrets: SecretBox, options: DemoOptions = {}): Promise<DemoCredentials> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const now = clock.now();
  const ago = (ms: number) => now - ms;

  const setup = await database.transaction(async (trx) => {
    if (!(await demoSeedable(trx))) {
      throw new DomainError('CONFLICT', 'The database already has customers or products, and the demo seeds only an empty one. Point LEASEHOLD_DATA_DIR at an empty directory, or DATABASE_URL at an empty database.');
    }
    await seedDemoCatalog(trx, actor, ago(30 * DAY));
    const { customer, registration } = await createCustomer(trx, DEMO_CUSTOMER, actor, ago(30 * DAY));
    for (const plan of DEMO_LICENSES) await issueLicense(trx, { customerId: customer.id, plan }, actor, ago(30 * DAY));
    const admin = await createAdminKey(trx, { name: 'demo' }, actor, now);
    const integration = await createIntegrationKey(trx, customer.id, 'EMR bridge (demo)', actor, ago(21 * DAY));
    return { customer, registration, adminApiKey: admin.key, integration };
  });
  const customerId = setup.customer.id;
  const bridge: CustomerPrincipal = { kind: 'integration', customerId, customerStatus: 'active', keyId: setup.integration.record.id, actor: { type: 'integration', id: setup.integration.record.id } };
  const clinic: CustomerPrincipal = { kind: 'customer', customerId, customerStatus: 'active', actor: { type: 'customer', id: customerId } };

  const first = await new IntegrationService({ database, clock: at(ago(21 * DAY)) }).report(bridge, {
    resources: DEMO_RESOURCES.map((r) => ({ kind: r.kind, externalId: r.externalId, name: r.name, reachable: true, synchronised: true })),
    fullSync: true,
  });
  const seats = new SeatService({ database, clock: at(ago(20 * DAY)) });
  for (const [index, resource] of DEMO_RESOURCES.entries()) {
    for (const feature of resource.features) await seats.assign(clinic, { feature, resourceId: first.resources[index].id });
  }

  const signer = await createSigner(database, clock, secrets);
  const config = { publicUrl: options.publicUrl ?? 'http://localhost:8080', bodyLimit: 1_048_576, logLevel: 'silent' };
  const machineDeps = (time: number) => ({ database, clock: at(time), signer, config });
  const activated = await new ActivationService(machineDeps(ago(12 * DAY))).activate(clinic, demoMachine());
  if (!activated.valid) throw new Error(`The demo computer could not activate: ${activated.detail}`);
  const checkedIn = await new ActivationService(machineDeps(ago(2 * DAY))).checkIn(clinic, activated.activation.id, demoMachine(['disk_serial']));
  if (!checkedIn.valid || !checkedIn.drift) throw new Error('The demo computer\'s check-in with a replaced disk should have been accepted as drift.');

  const latest = DEMO_RESOURCES.filter((r) => r.health !== 'missing');
  await new IntegrationService({ database, clock: at(ago(1 * HOUR)) }).report(bridge, {
    resources: latest.map((r) => ({ kind: r.kind, externalId: r.externalId, name: r.name, reachable: r.health !== 'unreachable', synchronised: r.health === 'ok' })),
    fullSync: true,
  });

  const staffPassword = generateStaffPassword();
  const owner = await createStaffUser({ database, clock }, { email: DEMO_STAFF_EMAIL, name: 'Demo Owner', role: 'owner', password: staffPassword }, actor);

  return {
    staff: { email: owner.email, password: staffPassword },
    adminPath: '/admin/',
    adminApiKey: setup.adminApiKey,
    integrationKey: setup.integration.key,
    customer: { id: customerId, number: setup.registration.customerNumber, name: setup.customer.name, registrationKey: setup.registration.registrationKey },
    desktopProduct: DEMO.desktop.product,
    portalPath: '/portal/',
  };
}
