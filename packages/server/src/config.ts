import path from 'node:path';
import type { DatabaseConfig } from '@leasehold/db';
import type { AppConfig } from './deps.ts';

export interface ServerConfig extends AppConfig {
  host: string;
  port: number;
  database: DatabaseConfig;
}

/** Every setting comes from the environment; the README lists each variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port number (0-65535), not "${env.PORT}".`);
  const host = env.HOST ?? '127.0.0.1';
  const bodyLimit = Number(env.LEASEHOLD_BODY_LIMIT ?? 1_048_576);
  if (!Number.isInteger(bodyLimit) || bodyLimit < 1024) throw new Error(`LEASEHOLD_BODY_LIMIT must be a number of bytes of at least 1024, not "${env.LEASEHOLD_BODY_LIMIT}".`);
  const sync = env.LEASEHOLD_SQLITE_SYNCHRONOUS?.toLowerCase();
  if (sync && sync !== 'normal' && sync !== 'full') throw new Error(`LEASEHOLD_SQLITE_SYNCHRONOUS must be "normal" or "full", not "${sync}".`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// URL; leave it unset to use the embedded SQLite database.');
  const displayHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    host,
    port,
    publicUrl: (env.LEASEHOLD_PUBLIC_URL ?? `http://${displayHost}:${port}`).replace(/\/$/, ''),
    bodyLimit,
    logLevel: env.LOG_LEVEL ?? 'info',
    database: {
      databaseUrl,
      dataDir: path.resolve(env.LEASEHOLD_DATA_DIR ?? './data'),
      sqliteSynchronous: (sync as 'normal' | 'full' | undefined) ?? 'full',
      poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined,
    },
  };
}
