import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, type DialectName, type LeaseholdDatabase } from '@leasehold/db';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'light-my-request';
import pg from 'pg';
import { createApp } from '../app.ts';
import { createCustomer, type RegistrationDetails } from '../customers/customer.service.ts';
import type { AppConfig, AppDeps, Clock } from '../deps.ts';
import { seedDemoCatalog } from '../demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { issueLicense } from '../licenses/license.service.ts';
import { generateToken, hashSecret, keyPrefix } from '../shared/secrets.ts';
import { generateMasterKey, parseMasterKey } from '../encryption/master-key.ts';
import { SecretBox } from '../encryption/secret-box.ts';
import { createSigner } from '../signing/signing.service.ts';
import { newId } from '@leasehold/db';

/** One master key per test process: server processes it starts over a shared database are given it too. */
export const TEST_MASTER_KEY = generateMasterKey();
export const TEST_SECRETS = new SecretBox(parseMasterKey(TEST_MASTER_KEY, 'the test master key'));

/** Every database test runs once per dialect. PostgreSQL comes from `npm test`, which starts a server. */
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export class TestClock implements Clock {
  constructor(public at = Date.UTC(2026, 0, 15, 12, 0, 0)) {}
  now(): number {
    return this.at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/** A fresh, migrated database of the dialect: a temp SQLite file, or a new PostgreSQL database. */
export async function openTestDatabase(dialect: DialectName, sqliteSynchronous: 'normal' | 'full' = 'normal'): Promise<{ database: LeaseholdDatabase; databaseUrl?: string; dataDir?: string; cleanup(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-test-'));
    const database = openDatabase({ dataDir, sqliteSynchronous });
    await migrateToLatest(database.db);
    return { database, dataDir, cleanup: async () => { await database.close(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const adminUrl = process.env.LEASEHOLD_TEST_PG_URL;
  if (!adminUrl) {
    throw new Error('PostgreSQL tests need LEASEHOLD_TEST_PG_URL. Run them with `npm test`, which installs and starts a PostgreSQL 15 server for the run.');
  }
  const name = `lh_test_${newId().replace(/-/g, '').slice(-16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = openDatabase({ databaseUrl, dataDir: os.tmpdir(), poolSize: 5 });
  await migrateToLatest(database.db);
  return {
    database,
    databaseUrl,
    async cleanup() {
      await database.close();
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

export interface Harness {
  dialect: DialectName;
  app: FastifyInstance;
  deps: AppDeps;
  clock: TestClock;
  database: LeaseholdDatabase;
  /** Where the database is, to open a second connection to it as another server process would. */
  databaseUrl?: string;
  dataDir?: string;
  catalog: Awaited<ReturnType<typeof seedDemoCatalog>>;
  adminKey: string;
  /** A request as node:http would give it to the server: the fast lane's routes there, the rest through Fastify. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * An in-process app over a fresh database with the demo catalogue and an admin API key; with
 * `mailer`, it sends mail; `config` adds settings (webhookAllowPrivate for receivers on 127.0.0.1).
 */
export async function createHarness(dialect: DialectName, options: Pick<AppDeps, 'mailer'> & { sqliteSynchronous?: 'normal' | 'full'; config?: Partial<AppConfig> } = {}): Promise<Harness> {
  const clock = new TestClock();
  const { database, cleanup, databaseUrl, dataDir } = await openTestDatabase(dialect, options.sqliteSynchronous);
  const signer = await createSigner(database, clock, TEST_SECRETS);
  const deps: AppDeps = { database, clock, signer, secrets: TEST_SECRETS, config: { publicUrl: 'http://leasehold.test', bodyLimit: 65_536, logLevel: 'silent', ...options.config }, mailer: options.mailer };
  const app = await createApp(deps);
  const now = clock.now();
  const catalog = await database.transaction((trx) => seedDemoCatalog(trx, SYSTEM_ACTOR, now));
  const adminKey = generateToken('lh_admin');
  await database.db.insertInto('admin_api_keys').values({ id: newId(now), name: 'test', key_hash: hashSecret(adminKey), key_prefix: keyPrefix(adminKey), created_at: now, last_used_at: null, revoked_at: null }).execute();
  return {
    dialect, app, deps, clock, database, catalog, adminKey, databaseUrl, dataDir,
    request: async (options) => {
      await app.ready();
      return inject(app.dispatchHttp, options);
    },
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

export interface TestCustomer {
  id: string;
  registration: RegistrationDetails;
  /** HTTP Basic header value with the registration details. */
  basic: string;
  licenseKeys: string[];
  licenseIds: string[];
}

/** An isolated customer with licenses of the given plans (codes), created through the services. */
export async function seedCustomer(h: Harness, plans: string[], name = 'Test Clinic'): Promise<TestCustomer> {
  const now = h.clock.now();
  return h.database.transaction(async (trx) => {
    const { customer, registration } = await createCustomer(trx, { name, contactEmail: `${newId().slice(-8)}@clinic.test` }, SYSTEM_ACTOR, now);
    const issued = [];
    for (const plan of plans) issued.push(await issueLicense(trx, { customerId: customer.id, plan }, SYSTEM_ACTOR, now));
    return {
      id: customer.id,
      registration,
      basic: `Basic ${Buffer.from(`${registration.customerNumber}:${registration.registrationKey}`).toString('base64')}`,
      licenseKeys: issued.map((i) => i.key),
      licenseIds: issued.map((i) => i.license.id),
    };
  });
}

/** A new integration key of the customer, as the EMR bridge would hold it. */
export async function seedIntegrationKey(h: Harness, customerId: string): Promise<string> {
  const key = generateToken('lh_int');
  const now = h.clock.now();
  await h.database.db.insertInto('integration_keys').values({
    id: newId(now), customer_id: customerId, name: 'test bridge', key_hash: hashSecret(key), key_prefix: keyPrefix(key), created_at: now, revoked_at: null,
  }).execute();
  return key;
}

/** Five fingerprint components as the SDK sends them (name → hash). */
export function fingerprint(seed: string, overrides: Record<string, string> = {}): Record<string, string> {
  const names = ['machine_id', 'board_serial', 'disk_serial', 'cpu', 'mac'];
  return { ...Object.fromEntries(names.map((n) => [n, hashSecret(`${seed}:${n}`)])), ...overrides };
}

export function json(response: LightMyRequestResponse): any {
  return JSON.parse(response.body);
}
