import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOUR } from '@leasehold/core';
import { openDatabase, type LeaseholdDatabase } from '@leasehold/db';
import { configFromEnv } from '../config.ts';
import { startServer } from '../start.ts';
import { DIALECTS } from '../testing/harness.ts';
import { openSharedDatabase, type SharedDatabase } from '../testing/server-fixture.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../testing/smtp-receiver.ts';
import { enqueueMail } from './mail.service.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mail written through a connection of its own, as another server process or the CLI would. */
async function enqueueElsewhere(shared: SharedDatabase, to: string): Promise<string> {
  const other: LeaseholdDatabase = openDatabase(configFromEnv(shared.env).database);
  try {
    return await other.transaction((trx) => enqueueMail(trx, {
      customerId: null, to, template: 'password_reset', locale: 'en', vars: { name: 'Sam', link: 'https://licenses.example/portal/reset-password?token=abc', expiresAt: Date.now() + HOUR },
    }, Date.now()));
  } finally {
    await other.close();
  }
}

const statusOf = async (shared: SharedDatabase, id: string) =>
  shared.database.db.selectFrom('mail_outbox').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();

for (const dialect of DIALECTS) {
  describe(`mail sender in a running server (${dialect})`, () => {
    let shared: SharedDatabase;
    let smtp: SmtpReceiver;

    before(async () => {
      shared = await openSharedDatabase(dialect, { PORT: '0', LOG_LEVEL: 'silent', LEASEHOLD_WEBHOOK_INTERVAL_MS: '0', LEASEHOLD_MAIL_INTERVAL_MS: '50' });
      smtp = await startSmtpReceiver();
    });
    after(async () => {
      await smtp.close();
      await shared.cleanup();
    });

    test('with SMTP_URL, the server sends the outbox on its own and stops cleanly', async () => {
      const server = await startServer(configFromEnv({ ...shared.env, SMTP_URL: smtp.url, MAIL_FROM: 'Leasehold <licenses@vendor.example>' }));
      try {
        const id = await enqueueElsewhere(shared, 'front-desk@clinic.test');
        for (let waited = 0; smtp.received.length === 0 && waited < 5000; waited += 25) await sleep(25);
        assert.deepEqual(smtp.received.map((m) => [m.envelope.to, m.subject]), [[['front-desk@clinic.test'], 'Reset your client portal password']]);
        for (let waited = 0; (await statusOf(shared, id)).status !== 'sent' && waited < 2000; waited += 25) await sleep(25);
        assert.deepEqual(await statusOf(shared, id), { status: 'sent', attempts: 1 });
      } finally {
        await server.close();
      }
    });

    test('without SMTP_URL, mail stays pending and nothing is attempted', async () => {
      const server = await startServer(configFromEnv(shared.env));
      try {
        const id = await enqueueElsewhere(shared, 'no-smtp@clinic.test');
        await sleep(300);
        assert.deepEqual(await statusOf(shared, id), { status: 'pending', attempts: 0 });
      } finally {
        await server.close();
      }
      assert.equal(smtp.received.filter((m) => m.envelope.to.includes('no-smtp@clinic.test')).length, 0);
    });
  });
}
