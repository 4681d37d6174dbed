import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/001-initial.ts';
import * as portal from './migrations/002-portal.ts';
import * as counters from './migrations/003-counters.ts';
import * as webhooks from './migrations/004-webhooks.ts';
import * as registrationTickets from './migrations/005-registration-tickets.ts';
import * as staff from './migrations/006-staff.ts';
import * as activationComponents from './migrations/007-activation-components.ts';
import * as staffInvitations from './migrations/008-staff-invitations.ts';
import * as licensePrices from './migrations/009-license-prices.ts';
import * as keyTrust from './migrations/010-key-trust.ts';
import * as activationSecrets from './migrations/011-activation-secrets.ts';

const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-portal': portal,
  '003-counters': counters,
  '004-webhooks': webhooks,
  '005-registration-tickets': registrationTickets,
  '006-staff': staff,
  '007-activation-components': activationComponents,
  '008-staff-invitations': staffInvitations,
  '009-license-prices': licensePrices,
  '010-key-trust': keyTrust,
  '011-activation-secrets': activationSecrets,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationOutcome {
  applied: string[];
}

/** Brings the schema up to date. Safe to run from several processes: the migrator takes a lock. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new Error(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
