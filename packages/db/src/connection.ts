import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase, type SqliteStatement as KyselySqliteStatement } from 'kysely';
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
  /**
   * A value that differs whenever data may have changed since it was read, by this process or
   * another: a read cached under it is still what the database holds while it is unchanged. null
   * where no such value is cheap to get (PostgreSQL), meaning: do not cache.
   */
  changeMarker(): string | null;
  /**
   * Declares that statements with exactly this SQL change only rows whose cached reads the caller
   * keeps current itself, so running them leaves `changeMarker()` as it is. A check-in updates its
   * own activation's row and then that activation's cached context; it must not make every other
   * cached activation read again.
   */
  keepsCachesCurrent(sqlText: string): void;
  close(): Promise<void>;
}

/**
 * Statements that change nothing a cached read depends on: transaction control (a rollback counts
 * through `onAbort`), and appends to the event log and the webhook outbox, which no cache reads.
 */
const UNCACHED_WRITE = /^\s*(?:begin|savepoint|release|commit)\b|^insert into "(?:events|webhook_deliveries)"/i;

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
    changeMarker: () => null,
    keepsCachesCurrent: () => undefined,
    close: () => db.destroy(),
  };
}

/** The SQLite file, its WAL and its shared-memory index: each holds the data. */
const SQLITE_FILES = ['leasehold.sqlite', 'leasehold.sqlite-wal', 'leasehold.sqlite-shm'];

/**
 * The data directory is the owner's alone (0700), created so or tightened: the database holds
 * hashes of credentials and the sealed secrets, and no other local user needs to read them.
 */
function privateDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { mode } = fs.statSync(dir);
  if ((mode & 0o077) === 0) return;
  // A directory others may write to (/tmp) is shared by nature: narrowing it would break them, so it is refused.
  if (mode & 0o002) {
    throw new Error(`LEASEHOLD_DATA_DIR ${dir} is a directory every user may write to (mode ${(mode & 0o7777).toString(8)}). Point it at a directory of its own, e.g. ./data, which is created with mode 700.`);
  }
  fs.chmodSync(dir, mode & 0o700);
}

/** The database's files are readable and writable by their owner only (0600), whatever the umask or an older version left. */
function privateFiles(dir: string): void {
  for (const name of SQLITE_FILES) {
    const file = path.join(dir, name);
    let mode: number;
    try {
      mode = fs.statSync(file).mode;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    if (mode & 0o077) fs.chmodSync(file, 0o600);
  }
}

function openSqlite(config: DatabaseConfig): LeaseholdDatabase {
  privateDataDir(config.dataDir);
  const file = path.join(config.dataDir, SQLITE_FILES[0]);
  // Made here with mode 0600 before SQLite opens it; SQLite gives its -wal and -shm the database file's mode.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  privateFiles(config.dataDir);
  const native = new SqliteDatabase(file);
  native.pragma('journal_mode = WAL');
  native.pragma(`synchronous = ${config.sqliteSynchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 10000');
  // A -wal or -shm left by an older version keeps its mode: both exist now that WAL mode is on.
  privateFiles(config.dataDir);
  // Writes counts statements of this connection that may change data (even rolled back, so it only
  // grows), data_version moves when another connection commits, and aborts counts transactions
  // rolled back, whose changes a read inside them may have seen.
  let writes = 0;
  let aborts = 0;
  const dataVersion = native.prepare('pragma data_version').pluck();
  // data_version is read at most once per turn of the event loop, not on every cached read (it cost
  // a tenth of a cached validation): a commit by another process is seen from the next turn at the
  // latest, well under a millisecond under load.
  let seenVersion: number | null = null;
  const forget = () => {
    seenVersion = null;
  };
  const otherCommits = () => {
    if (seenVersion === null) {
      seenVersion = dataVersion.get() as number;
      setImmediate(forget);
    }
    return seenVersion;
  };
  const exempt = new Set<string>();
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(native, () => writes++, (text) => UNCACHED_WRITE.test(text) || exempt.has(text)) }) });
  return {
    db,
    dialect: 'sqlite',
    // BEGIN IMMEDIATE takes the write lock up front, so two server processes sharing the file
    // serialise their seat checks instead of both reading the same free seat.
    transaction: groupCommit(db, native, { onAbort: () => aborts++ }),
    changeMarker: () => `${writes}:${otherCommits()}:${aborts}`,
    keepsCachesCurrent: (text) => exempt.add(text),
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query afresh; SQLite parsing and planning the same few statements again
 * was a sixth of a check-in's CPU time. Keeps the most recently used prepared statements.
 */
function withStatementCache(native: SqliteDatabase.Database, onWrite: () => void, uncounted: (text: string) => boolean, size = 500): KyselySqliteDatabase {
  const cache = new Map<string, KyselySqliteStatement & { busy: boolean }>();
  // Statements that may change data (`readonly` is false also for INSERT … RETURNING, which is a
  // `reader`) report each run, so a cache of reads knows data may have changed.
  const counted = (statement: SqliteDatabase.Statement, text: string): KyselySqliteStatement & { busy: boolean } =>
    statement.readonly || uncounted(text)
      ? statement
      : {
          reader: statement.reader,
          get busy() { return statement.busy; },
          all: (parameters) => { onWrite(); return statement.all(parameters); },
          run: (parameters) => { onWrite(); return statement.run(parameters); },
          iterate: (parameters) => { onWrite(); return statement.iterate(parameters); },
        };
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
      const statement = counted(native.prepare(text), text);
      if (cached) return statement;
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
