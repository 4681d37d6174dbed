import type { Assignment } from '@leasehold/core';
import type { ActivationTable, Db, DialectName, FeatureTable, LeaseholdDatabase, LicenseTable, PolicyTable, ProductTable } from '@leasehold/db';
import { sql, type CompiledQuery } from 'kysely';
import { rowToActivation, rowToAssignment } from '../assignments/assignment.repository.ts';
import { rowToFeature, rowToPolicy, rowToProduct } from '../catalog/catalog.repository.ts';
import { rowToLicense } from '../licenses/license.repository.ts';
import type { ActivationContext } from './activation-context.ts';

/** An activation's context as read, with why its seat was released, if it was. */
export interface MachineContext extends ActivationContext {
  assignment: Assignment & { releaseReason: string | null };
}

const LICENSE: (keyof LicenseTable)[] = ['id', 'customer_id', 'plan_id', 'key_hash', 'key_prefix', 'status', 'starts_at', 'expires_at', 'created_at', 'updated_at'];
const POLICY: (keyof PolicyTable)[] = [
  'id', 'product_id', 'name', 'mode', 'check_in_interval_seconds', 'lease_seconds', 'fingerprint_tolerance', 'min_components',
  'reset_limit', 'reset_window_seconds', 'heartbeat_seconds', 'term_days', 'created_at',
];
const FEATURE: (keyof FeatureTable)[] = ['id', 'product_id', 'code', 'name_en', 'name_fr', 'seat_kind', 'created_at'];
const PRODUCT: (keyof ProductTable)[] = ['id', 'code', 'name', 'fingerprint_salt', 'created_at'];

/** `alias.column as alias_column`, so tables that share column names can come back in one row. */
const prefixed = (alias: string, columns: string[]) => columns.map((c) => sql.ref(`${alias}.${c}`).as(`${alias}_${c}`));

function unprefix<T>(row: Record<string, unknown>, alias: string, columns: string[]): T {
  return Object.fromEntries(columns.map((c) => [c, row[`${alias}_${c}`]])) as T;
}

function contextQuery(db: Db, activationId: string) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('activations as m', 'm.assignment_id', 'a.id')
    .innerJoin('licenses as l', 'l.id', 'a.license_id')
    .innerJoin('plans as p', 'p.id', 'l.plan_id')
    .innerJoin('policies as po', 'po.id', 'p.policy_id')
    .innerJoin('features as f', 'f.id', 'a.feature_id')
    .innerJoin('products as pr', 'pr.id', 'f.product_id')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .selectAll('a')
    .selectAll('m')
    .select([...prefixed('l', LICENSE), ...prefixed('po', POLICY), ...prefixed('f', FEATURE), ...prefixed('pr', PRODUCT)])
    .select('c.status as customer_status')
    .where('a.id', '=', activationId);
}

type ContextRow = Awaited<ReturnType<ReturnType<typeof contextQuery>['executeTakeFirstOrThrow']>>;

// Building and compiling this query cost more than running it; its SQL depends only on the dialect.
const compiled = new Map<DialectName, CompiledQuery<ContextRow>>();

/**
 * An activation with everything that decides whether it is valid, in one query: check-in and
 * validation are the hottest paths of the server, and this replaced ten round trips.
 */
export async function findMachineContext(db: Db, dialect: DialectName, activationId: string): Promise<MachineContext | null> {
  let query = compiled.get(dialect);
  if (!query) compiled.set(dialect, (query = contextQuery(db, activationId).compile()));
  const [row] = (await db.executeQuery<ContextRow>({ ...query, parameters: [activationId] })).rows;
  if (!row) return null;
  const raw = row as unknown as Record<string, unknown>;
  return {
    assignment: rowToAssignment(row),
    activation: rowToActivation(row),
    license: rowToLicense(unprefix(raw, 'l', LICENSE)),
    policy: rowToPolicy(unprefix(raw, 'po', POLICY)),
    feature: rowToFeature(unprefix(raw, 'f', FEATURE)),
    product: rowToProduct(unprefix(raw, 'pr', PRODUCT)),
    customerStatus: row.customer_status,
  };
}

export type CheckInChanges = Pick<ActivationTable, 'fingerprint' | 'host_name' | 'platform' | 'app_version' | 'last_check_in_at' | 'lease_expires_at'>;

const compiledCheckIns = new Map<DialectName, CompiledQuery>();

/**
 * The activation row a check-in writes, with the statement compiled once per dialect like
 * findMachineContext. It changes only this activation's context, which the caller puts in its
 * cache once committed, so it is declared to keep caches current: a check-in does not make every
 * other computer's cached context read again.
 */
export async function writeCheckIn(db: Db, database: Pick<LeaseholdDatabase, 'dialect' | 'keepsCachesCurrent'>, assignmentId: string, changes: CheckInChanges): Promise<void> {
  const parameters = [changes.fingerprint, changes.host_name, changes.platform, changes.app_version, changes.last_check_in_at, changes.lease_expires_at, assignmentId];
  let query = compiledCheckIns.get(database.dialect);
  if (!query) {
    const { fingerprint, host_name, platform, app_version, last_check_in_at, lease_expires_at } = changes;
    query = db.updateTable('activations').set({ fingerprint, host_name, platform, app_version, last_check_in_at, lease_expires_at }).where('assignment_id', '=', assignmentId).compile();
    compiledCheckIns.set(database.dialect, query);
  }
  database.keepsCachesCurrent(query.sql);
  await db.executeQuery({ ...query, parameters });
}

/** The SHA-256 of the activation's secret; null when it was made before activations had one. */
export async function findActivationSecretHash(db: Db, assignmentId: string): Promise<string | null> {
  const row = await db.selectFrom('activations').select('secret_hash').where('assignment_id', '=', assignmentId).executeTakeFirst();
  return row?.secret_hash ?? null;
}
