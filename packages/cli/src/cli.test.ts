import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli, tempDataDir } from './testing/cli-process.ts';

describe('leasehold: help and usage errors', () => {
  const HELP: { args: string[]; mentions: RegExp[] }[] = [
    { args: ['--help'], mentions: [/serve/, /migrate/, /demo/, /admin/, /keys/, /master-key/, /customer/, /license/, /DATABASE_URL/, /LEASEHOLD_DATA_DIR/, /LEASEHOLD_MASTER_KEY_FILE/, /LEASEHOLD_MASTER_KEY /] },
    { args: ['serve', '--help'], mentions: [/--demo/, /LEASEHOLD_MASTER_KEY_FILE/] },
    { args: ['migrate', '--help'], mentions: [/migrations/, /--json/] },
    { args: ['demo', '--help'], mentions: [/empty database/, /--json/] },
    { args: ['admin', '--help'], mentions: [/create-key/] },
    { args: ['admin', 'create-key', '--help'], mentions: [/--name/, /--json/] },
    { args: ['keys', '--help'], mentions: [/trusted/, /list/, /rotate/, /retire/] },
    { args: ['keys', 'rotate', '--help'], mentions: [/older\s+keys\s+stay\s+published/, /--json/] },
    { args: ['customer', '--help'], mentions: [/create/] },
    { args: ['customer', 'create', '--help'], mentions: [/--name/, /--number/, /--email/, /--contact-name/, /--phone/, /--locale/, /"en", "fr"/] },
    { args: ['license', '--help'], mentions: [/issue/] },
    { args: ['license', 'issue', '--help'], mentions: [/--customer/, /--plan/, /--count/] },
    { args: ['staff', 'create', '--help'], mentions: [/--email/, /--name/, /--role/, /"owner", "support", "read_only"/] },
  ];
  for (const { args, mentions } of HELP) {
    test(`leasehold ${args.join(' ')}`, async () => {
      const result = await runCli(args);
      assert.equal(result.code, 0, result.stderr);
      for (const mention of mentions) assert.match(result.stdout, mention);
    });
  }

  const USAGE: { args: string[]; says: RegExp }[] = [
    { args: ['launch'], says: /unknown command 'launch'/ },
    { args: ['customer', 'create'], says: /required option '--name <name>' not specified/ },
    { args: ['customer', 'create', '--name', 'X', '--locale', 'de'], says: /Allowed choices are en, fr/ },
    { args: ['customer', 'create', '--name', '  '], says: /must not be empty/ },
    { args: ['customer', 'create', '--name', 'X', '--email', 'nobody'], says: /must be an email address/ },
    { args: ['license', 'issue', '--customer', '100001', '--plan', 'p', '--count', 'two'], says: /whole number from 1 to 1000/ },
    { args: ['serve', '--port', '80'], says: /unknown option '--port'/ },
  ];
  for (const { args, says } of USAGE) {
    test(`usage error, exit code 2: leasehold ${args.join(' ')}`, async () => {
      const result = await runCli(args);
      assert.equal(result.code, 2);
      assert.match(result.stderr, says);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    });
  }
});

describe('leasehold: configuration errors are one line and exit code 1', () => {
  const data = tempDataDir();
  const aFile = path.join(data.dir, 'not-a-directory');
  fs.writeFileSync(aFile, '');
  after(() => data.remove());
  const CASES: { name: string; args: string[]; env: NodeJS.ProcessEnv; says: RegExp }[] = [
    { name: 'DATABASE_URL that is not PostgreSQL', args: ['migrate'], env: { DATABASE_URL: 'mysql://db/leasehold' }, says: /DATABASE_URL must be a postgres:\/\/ URL/ },
    { name: 'DATABASE_URL where nothing listens', args: ['admin', 'create-key'], env: { DATABASE_URL: 'postgres://leasehold@127.0.0.1:1/leasehold' }, says: /Could not connect to the database at 127\.0\.0\.1:1: connection refused\. Check DATABASE_URL/ },
    { name: 'PORT that is not a port', args: ['serve'], env: { PORT: 'eighty' }, says: /PORT must be a TCP port number \(0-65535\), not "eighty"/ },
    { name: 'LEASEHOLD_DATA_DIR that is a file', args: ['customer', 'create', '--name', 'X'], env: { LEASEHOLD_DATA_DIR: aFile }, says: /LEASEHOLD_DATA_DIR .*not-a-directory is a file, not a directory/ },
    { name: 'PORT out of range', args: ['serve', '--demo'], env: { PORT: '70000' }, says: /PORT must be a TCP port number/ },
  ];
  for (const { name, args, env, says } of CASES) {
    test(name, async () => {
      const result = await runCli(args, { LEASEHOLD_DATA_DIR: data.dir, ...env });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, says);
      assert.equal(result.stderr.trim().split('\n').length, 1, `one line, not:\n${result.stderr}`);
    });
  }

  test('LOG_LEVEL=debug adds the stack trace', async () => {
    const result = await runCli(['migrate'], { LEASEHOLD_DATA_DIR: data.dir, DATABASE_URL: 'postgres://leasehold@127.0.0.1:1/leasehold', LOG_LEVEL: 'debug' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /\n\s+at /);
  });
});

describe('leasehold: migrate on a new database', () => {
  const data = tempDataDir();
  const env = () => ({ LEASEHOLD_DATA_DIR: data.dir });
  after(() => data.remove());

  test('migrate applies the migrations once, then has nothing to do', async () => {
    const first = await runCli(['migrate'], env());
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Applied 001-initial$/m);
    const again = await runCli(['migrate', '--json'], env());
    assert.deepEqual(JSON.parse(again.stdout), { applied: [] });
  });

  test('license issue needs a catalogue: it says how to get one', async () => {
    const created = JSON.parse((await runCli(['customer', 'create', '--name', 'Early Clinic', '--json'], env())).stdout);
    const result = await runCli(['license', 'issue', '--customer', created.customerNumber, '--plan', 'engagement-plus'], env());
    assert.equal(result.code, 1);
    assert.match(result.stderr, /The catalogue has no plans yet/);
  });
});

describe('leasehold: customer create and license issue, on the demo catalogue', () => {
  const data = tempDataDir();
  const env = () => ({ LEASEHOLD_DATA_DIR: data.dir });
  before(async () => {
    const seeded = await runCli(['demo', '--json'], env());
    assert.equal(seeded.code, 0, seeded.stderr);
  });
  after(() => data.remove());

  test('customer create prints the customer number and the registration key once', async () => {
    const result = await runCli(['customer', 'create', '--name', 'Riverside Dental', '--email', 'Front@Riverside.example', '--contact-name', 'Front desk', '--phone', '+1 514 555 0100', '--locale', 'fr'], env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Created customer 100002 "Riverside Dental"\.$/m);
    assert.match(result.stdout, /customer number: {2}100002/);
    assert.match(result.stdout, /registration key: [0-9A-Z]{5}(-[0-9A-Z]{5}){3}/);
    assert.match(result.stdout, /shown only this once/);
  });

  test('customer create --number takes a number of your own and refuses one that is taken', async () => {
    const mine = JSON.parse((await runCli(['customer', 'create', '--name', 'Lakeside', '--number', 'LS-7', '--json'], env())).stdout);
    assert.equal(mine.customerNumber, 'LS-7');
    assert.match(mine.registrationKey, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const taken = await runCli(['customer', 'create', '--name', 'Other', '--number', 'LS-7'], env());
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /Customer number LS-7 is already used/);
  });

  test('staff create prints the first password once and refuses an email that is taken', async () => {
    const result = await runCli(['staff', 'create', '--email', 'Support@Vendor.example', '--name', 'Support Desk', '--role', 'support'], env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Created support staff account support@vendor\.example\.$/m);
    assert.match(result.stdout, /password: [0-9A-Z]{5}(-[0-9A-Z]{5}){3}/);
    const taken = await runCli(['staff', 'create', '--email', 'owner@vendor.example', '--name', 'Again', '--role', 'owner'], env());
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /already exists/);
  });

  test('license issue --count prints each license id and key', async () => {
    const result = await runCli(['license', 'issue', '--customer', '100002', '--plan', 'engagement-plus', '--count', '2'], env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Issued 2 Patient Engagement License \(Plus\) licenses to customer 100002 "Riverside Dental":$/m);
    const lines = result.stdout.match(/^ {2}[0-9a-f-]{36} {2}LH-[0-9A-Z-]+$/gm) ?? [];
    assert.equal(lines.length, 2);
    const json = JSON.parse((await runCli(['license', 'issue', '--customer', '100002', '--plan', 'desktop-standard', '--json'], env())).stdout);
    assert.equal(json.plan, 'desktop-standard');
    assert.equal(json.licenses.length, 1);
    assert.match(json.licenses[0].key, /^LH-[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
  });

  const REFUSED: { args: string[]; says: RegExp }[] = [
    { args: ['--customer', '999999', '--plan', 'engagement-plus'], says: /No customer has number 999999\. .*leasehold customer create/ },
    { args: ['--customer', '100002', '--plan', 'gold'], says: /No plan has code "gold"\. Use one of: desktop-standard, engagement-basic, engagement-plus\./ },
  ];
  for (const { args, says } of REFUSED) {
    test(`license issue ${args.join(' ')} is refused with what to do`, async () => {
      const result = await runCli(['license', 'issue', ...args], env());
      assert.equal(result.code, 1);
      assert.match(result.stderr, says);
    });
  }

  test('demo refuses a database that has data', async () => {
    const result = await runCli(['demo'], env());
    assert.equal(result.code, 1);
    assert.match(result.stderr, /already has customers or products.*LEASEHOLD_DATA_DIR/);
  });
});
