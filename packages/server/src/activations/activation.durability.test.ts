import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, test } from 'node:test';
import { openDatabase, type DialectName } from '@leasehold/db';
import { fingerprint, DIALECTS } from '../testing/harness.ts';
import { activateBody, openSharedDatabase, postJson, seedDesktopCustomer } from '../testing/server-fixture.ts';
import { spawnServer, type ServerChild } from '../testing/spawn.ts';

// A success response means the change is durable: a server process killed right after answering
// loses nothing it acknowledged. SQLite runs with the production default (synchronous FULL) and
// with NORMAL, which WAL keeps durable across a process crash (not across power loss).
interface Case {
  dialect: DialectName;
  name: string;
  env: NodeJS.ProcessEnv;
}

const CASES: Case[] = DIALECTS.flatMap((dialect): Case[] =>
  dialect === 'sqlite'
    ? (['full', 'normal'] as const).map((synchronous) => ({ dialect, name: `sqlite, synchronous ${synchronous.toUpperCase()}`, env: { LEASEHOLD_SQLITE_SYNCHRONOUS: synchronous } }))
    : [{ dialect, name: dialect, env: {} }],
);

const SEQUENTIAL = 25;
const CONCURRENT = 50;

/** Runs `work` against a fresh server process and SIGKILLs it the moment `work` has its last answer. */
async function thenCrash<T>(env: NodeJS.ProcessEnv, work: (server: ServerChild) => Promise<T>): Promise<T> {
  const server = await spawnServer(env);
  try {
    const result = await work(server);
    server.kill('SIGKILL');
    return result;
  } finally {
    server.kill('SIGKILL');
    assert.equal((await server.exited).signal, 'SIGKILL');
  }
}

for (const { dialect, name, env } of CASES) {
  describe(`durability across a crash (${name})`, () => {
    test('activations made one by one and all at once, then check-ins, survive SIGKILL right after the last answer', async () => {
      const shared = await openSharedDatabase(dialect, env);
      try {
        const customer = await seedDesktopCustomer(shared.database, SEQUENTIAL + CONCURRENT);
        // Only the server processes have the database open, so SQLite's restart recovers from the WAL file alone.
        await shared.database.close();
        const activate = (server: ServerChild, seed: string) => postJson(`${server.url}/v1/activations`, activateBody(seed), customer.basic);
        const granted = (answer: { status: number; body: any }) => {
          assert.equal(answer.status, 200);
          assert.equal(answer.body.code, 'VALID', JSON.stringify(answer.body));
          return answer.body.activation as { id: string; hostName: string; lastCheckInAt: string; leaseExpiresAt: string };
        };

        const sequential = await thenCrash(shared.env, async (server) => {
          const made = [];
          for (let i = 0; i < SEQUENTIAL; i++) made.push(granted(await activate(server, `seq-${i}`)));
          return made;
        });
        const concurrent = await thenCrash(shared.env, async (server) =>
          (await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => activate(server, `con-${i}`)))).map(granted),
        );
        const activations = [...sequential, ...concurrent];
        const seedOf = (hostName: string) => hostName.replace(/-pc$/, '');
        // Later than activation, so a check-in that was lost would show in the lease expiry.
        await new Promise((resolve) => setTimeout(resolve, 20));
        const checkedIn = await thenCrash(shared.env, async (server) =>
          (await Promise.all(activations.map((a) => postJson(`${server.url}/v1/activations/${a.id}/check-in`, { fingerprint: fingerprint(seedOf(a.hostName)) }, customer.basic)))).map(granted),
        );
        for (const [i, a] of checkedIn.entries()) assert.ok(a.leaseExpiresAt > activations[i].leaseExpiresAt, 'the check-in renewed the lease');

        const after = await spawnServer(shared.env);
        try {
          for (const acknowledged of checkedIn) {
            const answer = await postJson(`${after.url}/v1/activations/${acknowledged.id}/validate`, { fingerprint: fingerprint(seedOf(acknowledged.hostName)) }, customer.basic);
            assert.equal(answer.status, 200, `activation ${acknowledged.hostName} is still known`);
            assert.equal(answer.body.code, 'VALID');
            assert.equal(answer.body.activation.lastCheckInAt, acknowledged.lastCheckInAt, `${acknowledged.hostName}: the check-in survived`);
            assert.equal(answer.body.activation.leaseExpiresAt, acknowledged.leaseExpiresAt);
          }
        } finally {
          after.kill('SIGTERM');
          await after.exited;
        }

        const reopened = openDatabase({ databaseUrl: shared.env.DATABASE_URL || undefined, dataDir: shared.env.LEASEHOLD_DATA_DIR ?? os.tmpdir() });
        try {
          const events = await reopened.db.selectFrom('events').select(['type', 'subject_id']).where('customer_id', '=', customer.id).where('type', 'like', 'activation.%').execute();
          const count = (type: string) => events.filter((e) => e.type === type).length;
          assert.equal(count('activation.created'), SEQUENTIAL + CONCURRENT, 'each acknowledged activation kept its event');
          assert.equal(count('activation.checked_in'), SEQUENTIAL + CONCURRENT, 'each acknowledged check-in kept its event');
          const open = await reopened.db.selectFrom('assignments').select('id').where('customer_id', '=', customer.id).where('released_at', 'is', null).execute();
          assert.deepEqual(open.map((a) => a.id).sort(), activations.map((a) => a.id).sort());
        } finally {
          await reopened.close();
        }
      } finally {
        await shared.cleanup();
      }
    });
  });
}
