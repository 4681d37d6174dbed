import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DAY } from '@leasehold/core';
import { DIALECTS } from '@leasehold/server/testing';
import { startServerUnderTest, type ServerUnderTest } from '../testing/server-under-test.ts';
import { ManualClock, tempDataDir, TestMachine, unreachableUrl } from '../testing/test-machine.ts';
import { COMMANDS } from './agent-help.ts';
import { runAgent, type AgentOverrides } from './run-agent.ts';

const BIN = fileURLToPath(new URL('../../bin/leasehold-agent.js', import.meta.url));

/** One run of the agent, in-process, with a scripted terminal. */
async function agent(argv: string[], options: { env?: NodeJS.ProcessEnv; answers?: string[]; overrides?: AgentOverrides } = {}) {
  let stdout = '';
  let stderr = '';
  const asked: { question: string; secret: boolean }[] = [];
  const answers = [...(options.answers ?? [])];
  const code = await runAgent(argv, {
    out: (t) => { stdout += t; },
    err: (t) => { stderr += t; },
    env: options.env ?? {},
    interactive: options.answers !== undefined,
    ask: async (question, o) => {
      asked.push({ question, secret: o?.secret === true });
      return answers.shift() ?? '';
    },
  }, options.overrides);
  return { code, stdout, stderr, asked, json: () => JSON.parse(stdout) };
}

test('every command has --help, which lists the exit codes', async () => {
  for (const command of Object.keys(COMMANDS)) {
    const { code, stdout } = await agent([command, '--help']);
    assert.equal(code, 0, command);
    assert.match(stdout, /Usage: leasehold-agent/);
    assert.match(stdout, /Exit codes:[\s\S]*8 {2}offline file/);
  }
});

test('usage errors are exit code 2: unknown command, unknown flag, no product, no customer details in a script', async () => {
  assert.equal((await agent(['launch'])).code, 2);
  assert.equal((await agent(['status', '--product', 'p', '--bogus'])).code, 2);
  assert.match((await agent(['status'])).stderr, /--product/);
  const data = tempDataDir();
  try {
    const noDetails = await agent(['activate', '--product', 'p', '--server', 'http://127.0.0.1:9', '--data-dir', data.dir, '--json']);
    assert.equal(noDetails.code, 2);
    assert.equal(noDetails.json().error.code, 'USAGE');
  } finally {
    data.remove();
  }
});

test('the installed command runs from any directory: --help exits 0, an unknown command 2, status without a lease 3', async () => {
  const run = (args: string[]) => new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: path.parse(process.cwd()).root }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }));
  });
  const data = tempDataDir();
  try {
    assert.equal((await run(['--help'])).code, 0);
    assert.equal((await run(['frobnicate'])).code, 2);
    const status = await run(['status', '--product', 'clinic-desktop', '--data-dir', data.dir, '--json']);
    assert.equal(status.code, 3);
    assert.equal(JSON.parse(status.stdout).status, 'must_activate');
  } finally {
    data.remove();
  }
});

for (const dialect of DIALECTS) {
  describe(`leasehold-agent against a server process (${dialect})`, () => {
    let server: ServerUnderTest;
    const cleanups: (() => void)[] = [];
    before(async () => {
      server = await startServerUnderTest(dialect);
    });
    after(() => server.stop());
    afterEach(() => cleanups.splice(0).forEach((f) => f()));

    function computer(seed: string) {
      const machine = new TestMachine(seed);
      const data = tempDataDir();
      cleanups.push(data.remove);
      const clock = new ManualClock();
      const env = { LEASEHOLD_SERVER_URL: server.url, LEASEHOLD_PRODUCT: server.product, LEASEHOLD_AGENT_DIR: data.dir };
      const run = (argv: string[], options: { env?: NodeJS.ProcessEnv; answers?: string[] } = {}) =>
        agent(argv, { ...options, env: { ...env, ...options.env }, overrides: { collectComponents: machine.collect, hostName: `${seed}-pc`, clock } });
      return { machine, clock, dir: data.dir, run };
    }

    test('activate (flags), status, fingerprint, check-in after drift, deactivate: each with --json and its exit code', async () => {
      const { credentials } = await server.customer();
      const pc = computer('scripted');
      const activated = await pc.run(['activate', '--customer-number', credentials.customerNumber, '--json'], { env: { LEASEHOLD_REGISTRATION_KEY: credentials.registrationKey } });
      assert.equal(activated.code, 0, activated.stdout + activated.stderr);
      assert.equal(activated.json().activated, true);
      assert.match(activated.json().status.lease.expiresAt, /^\d{4}-\d\d-\d\dT/, 'times are ISO strings in JSON');

      const status = await pc.run(['status', '--json']);
      assert.deepEqual([status.code, status.json().status], [0, 'licensed']);

      pc.machine.change('disk_serial');
      const fp = await pc.run(['fingerprint', '--json']);
      assert.equal(fp.code, 0);
      const changes = Object.fromEntries(fp.json().components.map((c: { name: string; change: string }) => [c.name, c.change]));
      assert.equal(changes.disk_serial, 'changed');
      assert.equal(changes.cpu, 'same');
      assert.deepEqual(fp.json().changed, ['disk_serial']);
      assert.match((await pc.run(['fingerprint'])).stdout, /disk_serial +changed/);

      const checkIn = await pc.run(['check-in', '--json']);
      assert.equal(checkIn.code, 0);
      assert.deepEqual(checkIn.json().drift.changed, ['disk_serial']);

      assert.equal((await pc.run(['deactivate'])).code, 0);
      const after = await pc.run(['status']);
      assert.equal(after.code, 3);
      assert.match(after.stdout, /must_activate/);
    });

    test('deactivate that cannot prove this is the computer (no activation secret, hardware changed beyond the tolerance) is RESET_REQUIRED, exit code 3, and keeps the license', async () => {
      const { credentials } = await server.customer();
      const pc = computer('rebuilt');
      assert.equal((await pc.run(['activate', '--customer-number', credentials.customerNumber], { env: { LEASEHOLD_REGISTRATION_KEY: credentials.registrationKey } })).code, 0);
      const file = path.join(pc.dir, fs.readdirSync(pc.dir).find((name) => name.endsWith('.json'))!);
      const { activationSecret, ...state } = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.match(activationSecret, /^lh_act_/);
      fs.writeFileSync(file, JSON.stringify(state));
      pc.machine.change('machine_id', 'board_serial', 'disk_serial');
      const refused = await pc.run(['deactivate', '--json']);
      assert.equal(refused.code, 3, refused.stdout);
      assert.equal(refused.json().error.code, 'RESET_REQUIRED');
      assert.match((await pc.run(['deactivate'])).stderr, /reset/i);
      assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).activationId, state.activationId, 'the license stays');
    });

    test('in a terminal the customer details are asked for, the key without echo', async () => {
      const { credentials } = await server.customer();
      const pc = computer('interactive');
      const result = await pc.run(['activate'], { answers: [credentials.customerNumber, credentials.registrationKey] });
      assert.equal(result.code, 0, result.stdout);
      assert.deepEqual(result.asked.map((a) => [a.question, a.secret]), [['Customer number: ', false], ['Registration key: ', true]]);
      assert.match(result.stdout, /This computer is activated/);
    });

    test('no free seat: exit 4 with the holders and the budget; --reset with --reason moves the license in a script; in a terminal, by choice', async () => {
      const { credentials } = await server.customer(1);
      const flags = ['--customer-number', credentials.customerNumber, '--registration-key', credentials.registrationKey];
      await computer('front-desk').run(['activate', ...flags]);
      const second = computer('back-office');
      const refused = await second.run(['activate', ...flags]);
      assert.equal(refused.code, 4);
      assert.match(refused.stdout, /front-desk-pc/);
      assert.match(refused.stdout, /3 of 3 resets left/);

      const moved = await second.run(['activate', ...flags, '--reset', 'FRONT-DESK-PC', '--reason', 'Front desk computer replaced', '--json']);
      assert.equal(moved.code, 0, moved.stdout);
      assert.equal(moved.json().reset.budget.remaining, 2);

      const third = computer('laptop');
      const chosen = await third.run(['activate', ...flags], { answers: ['1', 'Moving to the laptop'] });
      assert.equal(chosen.code, 0, chosen.stdout);
      assert.match(chosen.stdout, /1 of 3 resets left/);
    });

    test('refused details are exit 6; an unreachable server is exit 5; a clock set back is exit 7', async () => {
      const { credentials } = await server.customer();
      const pc = computer('troubled');
      assert.equal((await pc.run(['activate', '--customer-number', credentials.customerNumber, '--registration-key', 'NOPE-NOPE'])).code, 6);
      await pc.run(['activate', '--customer-number', credentials.customerNumber, '--registration-key', credentials.registrationKey]);
      const offline = await pc.run(['check-in'], { env: { LEASEHOLD_SERVER_URL: await unreachableUrl() } });
      assert.equal(offline.code, 5);
      assert.match(offline.stdout, /could not be reached/);
      pc.clock.advance(-2 * DAY);
      assert.equal((await pc.run(['status'])).code, 7);
    });

    test('air-gapped: offline-request to a file, answered by the server for the portal, offline-import; importing again is exit 8', async () => {
      const { credentials } = await server.customer();
      const pc = computer('vault');
      const keysFile = path.join(pc.dir, 'jwks.json');
      fs.writeFileSync(keysFile, await (await fetch(`${server.url}/.well-known/jwks.json`)).text());
      const airGapped = { LEASEHOLD_SERVER_URL: '', LEASEHOLD_FINGERPRINT_SALT: server.fingerprintSalt, LEASEHOLD_TRUSTED_KEYS: keysFile };
      const requestFile = path.join(pc.dir, 'request.json');
      assert.equal((await pc.run(['offline-request', '--out', requestFile], { env: airGapped })).code, 0);

      const answer = await (await fetch(`${server.url}/v1/offline/activations`, {
        method: 'POST', body: fs.readFileSync(requestFile),
        headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${credentials.customerNumber}:${credentials.registrationKey}`).toString('base64')}` },
      })).json() as { responseFile: unknown };
      const responseFile = path.join(pc.dir, 'response.json');
      fs.writeFileSync(responseFile, JSON.stringify(answer.responseFile));

      const imported = await pc.run(['offline-import', responseFile, '--json'], { env: airGapped });
      assert.equal(imported.code, 0, imported.stdout);
      assert.equal(imported.json().lease.airGapped, true);
      const again = await pc.run(['offline-import', responseFile, '--json'], { env: airGapped });
      assert.equal(again.code, 8);
      assert.equal(again.json().error.code, 'OFFLINE_FILE_INVALID');
    });
  });
}
