import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { generateMasterKey } from '@leasehold/server';
import { runCli, startServe, tempDataDir } from './testing/cli-process.ts';

const KEY = /^[A-Za-z0-9_-]{43}$/;

describe('leasehold: the master key', () => {
  const data = tempDataDir();
  after(() => data.remove());

  // Here rather than with the other commands' help in cli.test.ts, whose spawns already take most of a file's time limit.
  test('master-key --help, generate --help and rotate --help say what each does and the steps of a rotation', async () => {
    const cases = [
      { args: ['master-key', '--help'], mentions: [/generate/, /rotate/, /never\s+holds\s+it/] },
      { args: ['master-key', 'generate', '--help'], mentions: [/--out <file>/, /mode 600/] },
      { args: ['master-key', 'rotate', '--help'], mentions: [/LEASEHOLD_NEW_MASTER_KEY_FILE/, /one\s+transaction/, /--json/, /Restart every server with the new\s+key/, /Destroy the old key/] },
    ];
    for (const { args, mentions } of cases) {
      const result = await runCli(args);
      assert.equal(result.code, 0, result.stderr);
      for (const mention of mentions) assert.match(result.stdout, mention, args.join(' '));
    }
  });

  test('serve with no master key, and not --demo, refuses in one line that says how to make one, and starts nothing', async () => {
    const dataDir = path.join(data.dir, 'never-started');
    const result = await runCli(['serve'], { LEASEHOLD_DATA_DIR: dataDir, PORT: '0' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: No master key is set\. .*`npx leasehold master-key generate --out \/etc\/leasehold\/master\.key`.*LEASEHOLD_MASTER_KEY_FILE=/);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.equal(fs.existsSync(dataDir), false, 'no database was made');
  });

  test('master-key generate prints a key and nothing else; --out writes it to a new file only its owner reads, never over another', async () => {
    const printed = await runCli(['master-key', 'generate']);
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, /^[A-Za-z0-9_-]{43}\n$/);
    assert.equal(printed.stderr, '');

    const file = path.join(data.dir, 'written.key');
    const written = await runCli(['master-key', 'generate', '--out', file]);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.match(fs.readFileSync(file, 'utf8').trim(), KEY);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const before = fs.readFileSync(file, 'utf8');
    const again = await runCli(['master-key', 'generate', '--out', file]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists\. A master key file is never overwritten/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  test('master-key rotate reseals every secret under the new key, in one go; the server then starts with the new key and not the old', async () => {
    const dataDir = path.join(data.dir, 'rotated');
    const oldKey = generateMasterKey();
    const newKeyFile = path.join(data.dir, 'new.key');
    assert.equal((await runCli(['master-key', 'generate', '--out', newKeyFile])).code, 0);
    const withOldKey = { LEASEHOLD_DATA_DIR: dataDir, LEASEHOLD_MASTER_KEY: oldKey };

    // A server makes its root and signing keys; a webhook endpoint adds a secret of another kind.
    const adminKey = JSON.parse((await runCli(['admin', 'create-key', '--json'], withOldKey)).stdout).key;
    const first = await startServe([], withOldKey);
    const created = await fetch(`${first.url}/v1/admin/webhooks`, {
      method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.example.test/hook', eventTypes: ['customer.created'] }),
    });
    assert.equal(created.status, 201);
    const published = await (await fetch(`${first.url}/.well-known/jwks.json`)).json();
    await first.stop();

    const wrongCurrent = await runCli(['master-key', 'rotate'], { LEASEHOLD_DATA_DIR: dataDir, LEASEHOLD_MASTER_KEY: generateMasterKey(), LEASEHOLD_NEW_MASTER_KEY_FILE: newKeyFile });
    assert.equal(wrongCurrent.code, 1);
    assert.match(wrongCurrent.stderr, /^error: Nothing was resealed: 3 values do not open under the current master key \S+ \(3 sealed under master key \S+: /);

    const rotated = await runCli(['master-key', 'rotate'], { ...withOldKey, LEASEHOLD_NEW_MASTER_KEY_FILE: newKeyFile });
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /^Resealed 3 secrets under the new master key \S+ \(the old one was \S+\):$/m);
    assert.match(rotated.stdout, /^ {2}private signing keys +2$/m);
    assert.match(rotated.stdout, /^ {2}webhook secrets +1$/m);
    assert.match(rotated.stdout, /Restart every server with the new key/);
    assert.match(rotated.stdout, /Then destroy the old key and every copy of it/);

    const withOld = await runCli(['serve'], { ...withOldKey, PORT: '0' });
    assert.equal(withOld.code, 1);
    assert.match(withOld.stderr, /^error: 3 secrets in the database were sealed under master key \S+, but this server was given master key \S+\. Start it with the master key the data was sealed under/);

    const withNew = await startServe([], { LEASEHOLD_DATA_DIR: dataDir, LEASEHOLD_MASTER_KEY_FILE: newKeyFile });
    try {
      assert.deepEqual(await (await fetch(`${withNew.url}/.well-known/jwks.json`)).json(), published, 'the same keys, opened with the new master key');
    } finally {
      await withNew.stop();
    }
  });
});
