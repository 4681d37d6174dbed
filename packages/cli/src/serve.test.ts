import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import path from 'node:path';
import { generateMasterKey } from '@leasehold/server';
import { DIALECTS, openTestDatabase } from '@leasehold/server/testing';
import { runCli, startServe, tempDataDir, type ServeProcess } from './testing/cli-process.ts';

const getJson = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.json() as any };
};

const jwksOf = async (url: string) => (await getJson(`${url}/.well-known/jwks.json`)).body;
const retiredIn = (jwks: any): string[] => JSON.parse(Buffer.from(jwks.leasehold_retired.split('.')[1], 'base64url').toString('utf8')).retired;

describe('leasehold serve with an admin key, and the keys commands', () => {
  const data = tempDataDir();
  const env = { LEASEHOLD_DATA_DIR: data.dir, LEASEHOLD_MASTER_KEY: generateMasterKey() };
  let original: string;
  let rotated: string[] = [];
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

  test('keys rotate adds a signing key twice, and the older ones stay in use', async () => {
    const before = (await jwksOf(server.url)).keys.map((k: any) => k.kid);
    assert.equal(before.length, 1);
    original = before[0];
    const first = await runCli(['keys', 'rotate'], env);
    assert.equal(first.code, 0, first.stderr);
    const kid = /New signing key: (\S+)/.exec(first.stdout)![1];
    assert.match(first.stdout, /2 signing keys are published/);
    const json = JSON.parse((await runCli(['keys', 'rotate', '--json'], env)).stdout);
    assert.equal(json.published, 3);
    rotated = [kid, json.kid];
  });

  test('keys list and keys trusted name the root key and the signing keys; keys retire takes one out, and never the root key', async () => {
    const listed = JSON.parse((await runCli(['keys', 'list', '--json'], env)).stdout) as { kid: string; role: string; retiredAt: string | null }[];
    const root = listed.filter((k) => k.role === 'root');
    assert.equal(root.length, 1);
    assert.deepEqual(listed.filter((k) => k.role === 'signing').map((k) => k.kid).sort(), [original, ...rotated].sort());
    const trusted = JSON.parse((await runCli(['keys', 'trusted'], env)).stdout);
    assert.deepEqual(trusted.roots.map((k: any) => k.kid), [root[0].kid]);
    assert.deepEqual(trusted.keys.map((k: any) => k.kid).sort(), [original, ...rotated].sort());
    assert.ok(!JSON.stringify(trusted).includes('"d"'), 'no private part');

    const retired = await runCli(['keys', 'retire', original], env);
    assert.equal(retired.code, 0, retired.stderr);
    assert.match(retired.stdout, new RegExp(`^Retired signing key: ${original}$`, 'm'));
    assert.match(retired.stdout, new RegExp(`^Signing key in use: (${rotated.join('|')})$`, 'm'));
    const human = await runCli(['keys', 'list'], env);
    assert.match(human.stdout, new RegExp(`^${original} +signing +made \\S+ +retired \\S+$`, 'm'));
    assert.match(human.stdout, new RegExp(`^${root[0].kid} +root +made \\S+$`, 'm'));
    const refused = await runCli(['keys', 'retire', root[0].kid], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error: The root key cannot be retired/);
    const dashed = await runCli(['keys', 'retire', '-starts-with-a-dash'], env);
    assert.equal(dashed.code, 1, 'a key id may start with "-": it is the argument, not an option');
    assert.match(dashed.stderr, /^error: No key has the id -starts-with-a-dash\./);
  });

  test('a server started after them publishes the signing keys in use and the root-signed list of retired ones', async () => {
    const fresh = await startServe([], env);
    try {
      const jwks = await jwksOf(fresh.url);
      assert.deepEqual(jwks.keys.map((k: any) => k.kid).sort(), [...rotated].sort());
      assert.deepEqual(retiredIn(jwks), [original]);
    } finally {
      await fresh.stop();
    }
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
        const keyFile = path.join(env.LEASEHOLD_DATA_DIR!, 'master.key');
        assert.ok(banner.includes(`Created the demo's master key in ${keyFile}. It sits beside the data, so it protects nothing`), banner);
        assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600, 'the demo key file is readable by its owner only');
        assert.match(fs.readFileSync(keyFile, 'utf8'), /^[A-Za-z0-9_-]{43}\n$/);
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
      assert.match(banner, /Using the demo's master key in /, 'the key file made at the first start');
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
