import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type LeaseholdDatabase } from '@leasehold/db';
import { openTestDatabase } from '../testing/harness.ts';
import { ReadCache } from './read-cache.ts';

describe('ReadCache is never staler than the database', () => {
  let setup: Awaited<ReturnType<typeof openTestDatabase>>;
  let other: LeaseholdDatabase;
  let loads = 0;
  let cache: ReadCache<string>;
  const read = (db: LeaseholdDatabase) => async () => {
    loads++;
    const row = await db.db.selectFrom('products').select('name').where('code', '=', 'p').executeTakeFirst();
    return row?.name ?? null;
  };

  before(async () => {
    setup = await openTestDatabase('sqlite');
    // A second handle on the same file stands for another server process.
    other = openDatabase({ dataDir: setup.dataDir!, sqliteSynchronous: 'normal' });
    await setup.database.db.insertInto('products').values({ id: 'p1', code: 'p', name: 'one', fingerprint_salt: 's', created_at: 0 }).execute();
    cache = new ReadCache(setup.database);
  });
  after(async () => {
    await other.close();
    await setup.cleanup();
  });

  test('a repeated read with nothing written costs no query', async () => {
    loads = 0;
    assert.equal(await cache.get('k', read(setup.database)), 'one');
    assert.equal(await cache.get('k', read(setup.database)), 'one');
    assert.equal(loads, 1);
  });

  test('a write by this process is seen at once', async () => {
    await setup.database.db.updateTable('products').set({ name: 'two' }).execute();
    assert.equal(await cache.get('k', read(setup.database)), 'two');
  });

  test('a commit by another process is seen from the next turn of the event loop', async () => {
    await other.transaction((trx) => trx.updateTable('products').set({ name: 'three' }).execute());
    assert.equal(await cache.get('k', read(setup.database)), 'three');
  });

  test('peek gives a current value without loading, and nothing once the database has changed', async () => {
    assert.equal(await cache.get('peeked', read(setup.database)), 'three');
    assert.equal(cache.peek('peeked'), 'three');
    assert.equal(cache.peek('never read'), undefined);
    await setup.database.db.updateTable('products').set({ name: 'four' }).execute();
    assert.equal(cache.peek('peeked'), undefined);
    await setup.database.db.updateTable('products').set({ name: 'three' }).execute();
  });

  test('a read inside a transaction that then aborts is not kept', async () => {
    await assert.rejects(
      setup.database.transaction(async (trx) => {
        await trx.updateTable('products').set({ name: 'never' }).execute();
        assert.equal(await cache.get('k', read({ ...setup.database, db: trx })), 'never');
        throw new Error('abort');
      }),
    );
    assert.equal(await cache.get('k', read(setup.database)), 'three');
  });

  test('PostgreSQL offers no marker, so nothing is cached there', async () => {
    const pgLike = { ...setup.database, changeMarker: () => null };
    const uncached = new ReadCache<string>(pgLike);
    loads = 0;
    await uncached.get('k', read(setup.database));
    await uncached.get('k', read(setup.database));
    assert.equal(loads, 2);
  });

  test('appending events and transaction control leave cached reads valid; other writes do not', async () => {
    const marker = setup.database.changeMarker();
    await setup.database.transaction(async (trx) => {
      await trx.insertInto('events').values({
        id: 'e-cache', customer_id: null, type: 'test.cache', actor_type: 'system', actor_id: null, subject_type: 'test', subject_id: 'x', data: '{}', created_at: 0,
      }).execute();
    });
    assert.equal(setup.database.changeMarker(), marker);
    await setup.database.transaction((trx) => trx.updateTable('products').set({ fingerprint_salt: 't' }).execute());
    assert.notEqual(setup.database.changeMarker(), marker);
  });

  test('a statement declared with keepsCachesCurrent leaves the marker; its writer puts what it wrote', async () => {
    const rename = setup.database.db.updateTable('products').set({ name: 'x' }).where('code', '=', 'p').compile();
    setup.database.keepsCachesCurrent(rename.sql);
    assert.equal(await cache.get('k', read(setup.database)), 'three');
    const marker = setup.database.changeMarker();
    const token = cache.forget('k');
    await setup.database.transaction((trx) => trx.executeQuery({ ...rename, parameters: ['four', 'p'] }));
    assert.equal(setup.database.changeMarker(), marker);
    // A writer that forgot the key before this one finished later: what it wrote is older, so not kept.
    cache.put('k', 'older', marker, token - 1);
    cache.put('k', 'four', marker, token);
    loads = 0;
    assert.equal(await cache.get('k', read(setup.database)), 'four');
    assert.equal(loads, 0);
  });
});
