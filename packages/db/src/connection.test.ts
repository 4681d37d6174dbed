import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const FILES = ['leasehold.sqlite', 'leasehold.sqlite-wal', 'leasehold.sqlite-shm'];

describe('the SQLite data directory is its owner\'s alone', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-perm-test-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('a new data directory is made 0700 and the database, its WAL and shared memory 0600, whatever the umask', async () => {
    const dataDir = path.join(root, 'new', 'data');
    const umask = process.umask(0o002);
    try {
      const database = openDatabase({ dataDir });
      await migrateToLatest(database.db);
      assert.equal(modeOf(dataDir), 0o700);
      for (const name of FILES) assert.equal(modeOf(path.join(dataDir, name)), 0o600, name);
      await database.close();
    } finally {
      process.umask(umask);
    }
  });

  test('an existing directory and files left readable by others are tightened', async () => {
    const dataDir = path.join(root, 'older');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    const first = openDatabase({ dataDir });
    await migrateToLatest(first.db);
    await first.close();
    for (const name of FILES) if (fs.existsSync(path.join(dataDir, name))) fs.chmodSync(path.join(dataDir, name), 0o644);
    fs.writeFileSync(path.join(dataDir, 'leasehold.sqlite-wal'), '', { mode: 0o644, flag: 'a' });
    fs.chmodSync(dataDir, 0o755);

    const again = openDatabase({ dataDir });
    assert.equal(modeOf(dataDir), 0o700);
    for (const name of FILES) assert.equal(modeOf(path.join(dataDir, name)), 0o600, name);
    await again.close();
  });

  test('a directory every user may write to is refused, not narrowed under its other users', () => {
    const shared = path.join(root, 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o1777);
    assert.throws(() => openDatabase({ dataDir: shared }), /LEASEHOLD_DATA_DIR .*shared is a directory every user may write to \(mode 1777\)\. Point it at a directory of its own/);
    assert.equal(fs.statSync(shared).mode & 0o7777, 0o1777);
    assert.equal(fs.existsSync(path.join(shared, 'leasehold.sqlite')), false);
  });
});
