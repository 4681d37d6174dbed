import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, openTestDatabase } from '@leasehold/server/testing';
import { runCli, startServe, tempDataDir, type ServeProcess } from './testing/cli-process.ts';

const getJson = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.json() as any };
};

describe('leasehold serve with an admin key, and keys rotate', () => {
  const data = tempDataDir();
  const env = { LEASEHOLD_DATA_DIR: data.dir };
  let adminKey: string;
  let server: ServeProcess;
  before(async () => {
    const created = await runCli(['admin', 'create-key', '--name', 'ci', '--json'], env);
    assert.equal(created.code, 0, created.stderr);
    adminKey = JSON.parse(created.stdout).key;
    server = await startServe([], env);
  });
  after(async () => {
    await server?.stop();
    data.remove();
  });

  test('admin create-key prints the key once, by itself on a line, and names it', async () => {
    assert.match(adminKey, /^lh_admin_[A-Za-z0-9_-]{43}$/);
    const human = await runCli(['admin', 'create-key', '--name', 'billing export'], env);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^Created admin API key "billing export"\.$/m);
    assert.match(human.stdout, /^ {2}lh_admin_[A-Za-z0-9_-]{43}$/m);
    assert.match(human.stdout, /shown only this once/);
  });

  test('the server answers /healthz and accepts the admin key, and only it', async () => {
    assert.deepEqual((await getJson(`${server.url}/healthz`)).body, { status: 'ok' });
    const audit = await getJson(`${server.url}/v1/admin/events?type=admin_key.created`, { authorization: `Bearer ${adminKey}` });
    assert.equal(audit.status, 200);
    assert.ok(audit.body.items.some((e: any) => e.type === 'admin_key.created' && e.actor.type === 'system' && e.actor.id === 'cli'));
    assert.equal((await getJson(`${server.url}/v1/admin/events`, { authorization: 'Bearer lh_admin_not-a-key' })).status, 401);
  });

  test('keys rotate publishes one more key, and the old ones stay', async () => {
    const before = (await getJson(`${server.url}/.well-known/jwks.json`)).body.keys.map((k: any) => k.kid);
    assert.equal(before.length, 1);
    const rotated = await runCli(['keys', 'rotate'], env);
    assert.equal(rotated.code, 0, rotated.stderr);
    const kid = /New signing key: (\S+)/.exec(rotated.stdout)![1];
    assert.match(rotated.stdout, /2 keys are published/);
    const afterOne = (await getJson(`${server.url}/.well-known/jwks.json`)).body.keys.map((k: any) => k.kid);
    assert.deepEqual(afterOne.sort(), [...before, kid].sort());

    const json = JSON.parse((await runCli(['keys', 'rotate', '--json'], env)).stdout);
    assert.equal(json.published, 3);
    const afterTwo = (await getJson(`${server.url}/.well-known/jwks.json`)).body.keys.map((k: any) => k.kid);
    assert.deepEqual(afterTwo.sort(), [...afterOne, json.kid].sort());
  });

  test('a second server on the same port is refused in one line', async () => {
    const port = new URL(server.url).port;
    const result = await runCli(['serve'], { ...env, PORT: port });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`^error: Port ${port} on 127\\.0\\.0\\.1 is already in use\\. .*set PORT to a free port`));
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  });
});

for (const dialect of DIALECTS) {
  describe(`leasehold serve --demo (${dialect})`, () => {
    let env: NodeJS.ProcessEnv;
    let cleanup: () => Promise<void> | void;
    before(async () => {
      if (dialect === 'sqlite') {
        const data = tempDataDir();
        env = { LEASEHOLD_DATA_DIR: data.dir };
        cleanup = data.remove;
      } else {
        // A new, empty PostgreSQL database; the CLI reaches it by DATABASE_URL as an operator's would.
        const target = await openTestDatabase('postgres');
        const unused = tempDataDir();
        env = { DATABASE_URL: target.databaseUrl, LEASEHOLD_DATA_DIR: unused.dir };
        cleanup = async () => {
          await target.cleanup();
          unused.remove();
        };
      }
    });
    after(() => cleanup());

    test('seeds an empty database, prints the credentials, and the demo customer activates over HTTP', async () => {
      const server = await startServe(['--demo'], env);
      try {
        const banner = server.banner();
        assert.match(banner, /Leasehold is listening at http:\/\/127\.0\.0\.1:\d+/);
        assert.match(banner, /Admin API key: +lh_admin_\S+/);
        assert.match(banner, /Integration key: +lh_int_\S+/);
        assert.match(banner, /Demo customer: +Maple Grove Family Clinic/);
        assert.match(banner, new RegExp(`Portal: +${server.url}/portal/`));
        assert.match(banner, new RegExp(`Admin console: +${server.url}/admin/`));
        const staff = { email: /staff email: +(\S+)/.exec(banner)![1], password: /staff password: +(\S+)/.exec(banner)![1] };
        const signedIn = await fetch(`${server.url}/v1/staff/logon`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(staff) });
        assert.equal(signedIn.status, 200, 'the demo owner signs in to the admin console');
        const number = /customer number: +(\S+)/.exec(banner)![1];
        const registrationKey = /registration key: +(\S+)/.exec(banner)![1];
        const integrationKey = /Integration key: +(\S+)/.exec(banner)![1];

        // The banner's own example: a new computer takes the desktop license the demo left free.
        const body = /-d '(\{.*\})'/.exec(banner)![1];
        const basic = `Basic ${Buffer.from(`${number}:${registrationKey}`).toString('base64')}`;
        const activate = (payload: string) => fetch(`${server.url}/v1/activations`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: payload });
        const activated = await (await activate(body)).json() as any;
        assert.equal(activated.valid, true, JSON.stringify(activated));
        assert.equal(activated.activation.hostName, 'MY-PC');
        const another = await (await activate(body.replace(/demo-000/g, 'other-000').replace('MY-PC', 'OTHER-PC'))).json() as any;
        assert.equal(another.code, 'NO_FREE_SEAT');
        assert.deepEqual(another.holders.map((h: any) => h.hostName).sort(), ['MY-PC', 'RECEPTION-01']);

        const resources = await getJson(`${server.url}/v1/integration/resources`, { authorization: `Bearer ${integrationKey}` });
        assert.equal(resources.status, 200);
        assert.equal(resources.body.items.length, 8);
      } finally {
        const stopped = await server.stop('SIGINT');
        assert.equal(stopped.code, 0, stopped.stderr);
        assert.match(stopped.stderr, /SIGINT: stopping…\nStopped\./);
      }
    });

    test('a second start does not seed again', async () => {
      const server = await startServe(['--demo'], env);
      const banner = server.banner();
      const stopped = await server.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.match(banner, /the database already has data, so nothing was seeded/);
      assert.doesNotMatch(banner, /lh_admin_|registration key/);
    });
  });
}

describe('npm start', () => {
  test('runs the server with the node flags the tests and the benchmark measure it with', async () => {
    const { SERVER_NODE_FLAGS } = await import('@leasehold/server');
    const pkg = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    const flags = pkg.scripts.start.split(/\s+/);
    for (const flag of SERVER_NODE_FLAGS) assert.ok(flags.includes(flag), `npm start lacks ${flag}: ${pkg.scripts.start}`);
  });
});
