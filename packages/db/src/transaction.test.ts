import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseConfig, type DialectName, type LeaseholdDatabase } from './connection.ts';
import { newId } from './ids.ts';
import { migrateToLatest } from './migrate.ts';

const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

/** A fresh migrated database of the dialect; PostgreSQL from LEASEHOLD_TEST_PG_URL, which `npm test` sets. */
async function freshDatabase(dialect: DialectName): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-db-test-'));
  if (dialect === 'sqlite') return { config: { dataDir, sqliteSynchronous: 'full' }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const adminUrl = process.env.LEASEHOLD_TEST_PG_URL;
  if (!adminUrl) throw new Error('PostgreSQL tests need LEASEHOLD_TEST_PG_URL; run them with `npm test`.');
  const name = `lh_db_test_${newId().replace(/-/g, '').slice(-16)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { config: { databaseUrl: url.toString(), dataDir, poolSize: 10 }, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

const insertEvent = (trx: LeaseholdDatabase['db'], type: string, subjectId: string, id = newId()) =>
  trx.insertInto('events').values({ id, customer_id: null, type, actor_type: 'system', actor_id: null, subject_type: 'test', subject_id: subjectId, data: '{}', created_at: Date.now() }).execute();

for (const dialect of DIALECTS) {
  describe(`database.transaction (${dialect})`, () => {
    let fresh: Awaited<ReturnType<typeof freshDatabase>>;
    let database: LeaseholdDatabase;
    /** A second handle, as another server process would have. */
    let observer: LeaseholdDatabase;
    before(async () => {
      fresh = await freshDatabase(dialect);
      database = openDatabase(fresh.config);
      await migrateToLatest(database.db);
      observer = openDatabase(fresh.config);
    });
    after(async () => {
      await observer?.close();
      await database?.close();
      await fresh?.drop();
    });

    const rowsOf = async (type: string) =>
      (await observer.db.selectFrom('events').select('subject_id').where('type', '=', type).execute()).map((r) => r.subject_id).sort();

    test('of many at once, one that throws and one that breaks a constraint leave nothing; the others answer only once committed', async () => {
      const taken = newId();
      await insertEvent(database.db, 'setup', 'taken', taken);
      const seenAtAnswer: boolean[] = [];
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          database
            .transaction(async (trx) => {
              await insertEvent(trx, 'batch', `t${i}`);
              if (i === 7) throw new Error('refused by the service');
              if (i === 12) await insertEvent(trx, 'batch', 'duplicate', taken);
              return i;
            })
            .then(async (value) => {
              seenAtAnswer[value] = (await rowsOf('batch')).includes(`t${value}`);
              return value;
            }),
        ),
      );
      assert.deepEqual(outcomes.map((o) => o.status === 'fulfilled'), Array.from({ length: 30 }, (_, i) => i !== 7 && i !== 12));
      assert.match(String((outcomes[7] as PromiseRejectedResult).reason), /refused by the service/);
      assert.ok(seenAtAnswer.filter((_, i) => i !== 7 && i !== 12).every(Boolean), 'another connection sees each change when its answer arrives');
      assert.deepEqual(await rowsOf('batch'), Array.from({ length: 30 }, (_, i) => `t${i}`).filter((t) => t !== 't7' && t !== 't12').sort());
    });

    test('transactions queued behind slow ones do not wait for all of them: the first is committed before the last starts', async () => {
      let firstVisibleToLast = false;
      let started = 0;
      await Promise.all(
        Array.from({ length: 10 }, () =>
          database.transaction(async (trx) => {
            if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(43)`.execute(trx);
            const turn = started++;
            if (turn === 9) firstVisibleToLast = (await rowsOf('slow')).includes('s0');
            await insertEvent(trx, 'slow', `s${turn}`);
            await new Promise((resolve) => setTimeout(resolve, 8));
          }),
        ),
      );
      assert.equal(firstVisibleToLast, true);
      assert.equal((await rowsOf('slow')).length, 10);
    });

    test('read-then-write transactions holding the lock never interleave', async () => {
      await Promise.all(
        Array.from({ length: 40 }, () =>
          database.transaction(async (trx) => {
            // SQLite's transaction holds the write lock from its start; on PostgreSQL services take a row lock first.
            if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(42)`.execute(trx);
            const { n } = await trx.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'counter').executeTakeFirstOrThrow();
            await insertEvent(trx, 'counter', String(Number(n)));
          }),
        ),
      );
      assert.deepEqual(await rowsOf('counter'), Array.from({ length: 40 }, (_, i) => String(i)).sort());
    });
  });
}
