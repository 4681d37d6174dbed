import { migrateToLatest, openDatabase, type LeaseholdDatabase } from '@leasehold/db';
import { configFromEnv, demoMasterKey, secretBoxFor, type Actor, type SecretBox, type ServerConfig } from '@leasehold/server';

/** Changes made from the command line are recorded as the system acting through the CLI. */
export const CLI_ACTOR: Actor = { type: 'system', id: 'cli' };

/** Opens the configured database, brings its schema up to date, runs `fn`, and always closes it. */
export async function withDatabase<T>(fn: (database: LeaseholdDatabase, config: ServerConfig) => Promise<T>): Promise<T> {
  const config = configFromEnv();
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/**
 * The box for the configured master key. For the demo (`serve --demo`, `demo`) with none set, the
 * demo's own key file in the data folder, made on first use; it says so, since it protects nothing.
 */
export function secretsFor(config: ServerConfig, options: { demo?: boolean } = {}): SecretBox {
  if (!config.masterKey && options.demo) {
    const demo = demoMasterKey(config.database.dataDir);
    config.masterKey = demo;
    process.stderr.write(`${demo.created ? 'Created' : 'Using'} the demo's master key in ${demo.source}. It sits beside the data, so it protects nothing: for real use, keep a master key elsewhere and set LEASEHOLD_MASTER_KEY_FILE (see \`leasehold master-key --help\`).\n`);
  }
  return secretBoxFor(config.masterKey, config.database.dataDir);
}

/** Where the data lives, without the password a DATABASE_URL may hold. */
export function describeDatabase(config: ServerConfig): string {
  if (!config.database.databaseUrl) return `SQLite in ${config.database.dataDir}`;
  const url = new URL(config.database.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(...lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}
