import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import pg from 'pg';
import { groupCommit } from './group-commit.ts';
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
  // The server ending an idle connection (restart, failover, a dropped test database) is an 'error'
  // event of the pool, which drops that client; with no listener Node would end the process instead.
  pool.on('error', () => undefined);
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(native) }) });
  return {
    db,
    dialect: 'sqlite',
    // BEGIN IMMEDIATE takes the write lock up front, so two server processes sharing the file
    // serialise their seat checks instead of both reading the same free seat.
    transaction: groupCommit(db, native),
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query afresh; SQLite parsing and planning the same few statements again
 * was a sixth of a check-in's CPU time. Keeps the most recently used prepared statements.
 */
function withStatementCache(native: SqliteDatabase.Database, size = 500): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => native.close(),
    prepare(text) {
      const cached = cache.get(text);
      // A statement still being iterated (a stream) cannot run again until it finishes.
      if (cached && !cached.busy) {
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = native.prepare(text);
      if (cached) return statement;
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
