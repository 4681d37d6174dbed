import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseConfig {
  /** postgres://… selects PostgreSQL; absent selects the embedded SQLite file in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** SQLite only: `full` syncs the WAL on every commit, surviving power loss, not only a process crash. */
  sqliteSynchronous?: 'normal' | 'full';
  poolSize?: number;
}

export interface LeaseholdDatabase {
  db: Db;
  dialect: DialectName;
  /** Runs `fn` in one transaction that holds the write lock from its start (see `transaction`). */
  transaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8_OID = 20;

export function openDatabase(config: DatabaseConfig): LeaseholdDatabase {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.poolSize ?? 10);
  return openSqlite(config);
}

function openPostgres(url: string, poolSize: number): LeaseholdDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Epoch milliseconds fit a double exactly; read bigint columns as numbers.
    types: { getTypeParser: (oid: number, format?: any) => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) } as any,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    transaction: (fn) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}

function openSqlite(config: DatabaseConfig): LeaseholdDatabase {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'leasehold.sqlite');
  const native = new SqliteDatabase(file);
  native.pragma('journal_mode = WAL');
  native.pragma(`synchronous = ${config.sqliteSynchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
  return {
    db,
    dialect: 'sqlite',
    // BEGIN IMMEDIATE takes the write lock up front, so two server processes sharing the file
    // serialise their seat checks instead of both reading the same free seat.
    transaction: (fn) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      }),
    close: () => db.destroy(),
  };
}
