import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { HOUR, MINUTE } from '@leasehold/core';
import { openDatabase } from '@leasehold/db';
import { sql } from 'kysely';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, seedCustomer, type Harness } from '../testing/harness.ts';
import { registerAccount, tokenInLink, uniqueEmail } from '../testing/portal-fixtures.ts';
import { startSmtpReceiver, type SmtpReceiver, type SmtpReceiverOptions } from '../testing/smtp-receiver.ts';
import { MailSender, MAIL_MAX_ATTEMPTS } from './mail-sender.ts';
import { enqueueMail } from './mail.service.ts';
import { createSmtpMailer } from './mailer.ts';

const FROM = 'Leasehold <licenses@vendor.example>';

for (const dialect of DIALECTS) {
  describe(`mail sender over SMTP (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    let smtp: SmtpReceiver;
    const opened: { close(): unknown }[] = [];
    /** A sender to a receiver of its own; the waits of its retries are exactly the schedule's steps. */
    const senderTo = async (options: SmtpReceiverOptions = {}) => {
      const receiver = await startSmtpReceiver(options);
      const mailer = createSmtpMailer(receiver.url, FROM);
      opened.push(mailer, receiver);
      return { receiver, mailer, sender: new MailSender(h.deps, mailer, { random: () => 0.5 }) };
    };
    const enqueue = (to: string) => h.database.transaction((trx) => enqueueMail(trx, {
      customerId: null, to, template: 'password_reset', locale: 'en',
      vars: { name: 'Sam', link: `https://licenses.example/portal/reset-password?token=${to}`, expiresAt: h.clock.now() + HOUR },
    }, h.clock.now()));
    const outbox = async (to: string) => (await admin.ok('GET', `/v1/admin/mail?to=${encodeURIComponent(to)}`)).items;

    before(async () => {
      smtp = await startSmtpReceiver();
      const mailer = createSmtpMailer(smtp.url, FROM);
      opened.push(mailer, smtp);
      h = await createHarness(dialect, { mailer });
      admin = adminClient(h);
    });
    after(async () => {
      await h.close();
      for (const item of opened.reverse()) await item.close();
    });

    test('a password reset from the portal reaches the mailbox in the account\'s language, and its link works', async () => {
      // Two customers, each with its owner: a second account of one customer would mail its owner too.
      const english = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]), { locale: 'en', name: 'Sam', email: uniqueEmail('sam') });
      const french = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]), { locale: 'fr', name: 'Camille', email: uniqueEmail('camille') });
      for (const account of [english, french]) {
        const asked = await h.request({ method: 'POST', url: '/v1/portal/password-reset', payload: { email: account.user.email } });
        assert.equal(asked.statusCode, 202, asked.body);
      }
      const sender = new MailSender(h.deps, h.deps.mailer!);
      assert.deepEqual(await sender.sendOnce(), { attempted: 2, sent: 2, retrying: 0, failed: 0 });

      const cases = [
        { account: english, subject: 'Reset your client portal password', greeting: 'Hello Sam,' },
        { account: french, subject: 'Réinitialisez votre mot de passe du portail client', greeting: 'Bonjour Camille,' },
      ];
      for (const { account, subject, greeting } of cases) {
        const to = account.user.email;
        const mails = smtp.received.filter((m) => m.envelope.to.includes(to));
        assert.equal(mails.length, 1, `one mail to ${to}`);
        const [mail] = mails;
        assert.deepEqual([mail.envelope.from, mail.user, mail.headers.to, mail.headers.from], ['licenses@vendor.example', 'leasehold', to, FROM]);
        assert.equal(mail.subject, subject);
        assert.ok(mail.text!.startsWith(greeting), mail.text!);
        assert.ok(mail.html!.includes(greeting.replace(',', '')), 'the HTML part is in the same language');
        const token = tokenInLink(mail.text!, '/portal/reset-password');
        assert.ok(mail.html!.includes(`href="http://leasehold.test/portal/reset-password?token=${encodeURIComponent(token)}"`), 'the HTML links the same token');
        const confirmed = await h.request({ method: 'POST', url: '/v1/portal/password-reset/confirm', payload: { token, password: 'a brand new passphrase' } });
        assert.equal(confirmed.statusCode, 200, `the link in the received mail resets the password: ${confirmed.body}`);

        const [listed] = await outbox(to);
        assert.deepEqual(
          [listed.status, listed.attempts, listed.sentAt, listed.lastError, listed.nextAttemptAt, listed.from, listed.subject, listed.text],
          ['sent', 1, new Date(h.clock.now()).toISOString(), null, null, FROM, subject, mail.text],
        );
      }
      h.clock.advance(30 * 86_400_000);
      assert.equal((await sender.sendOnce()).attempted, 0, 'sent mail is never taken again');
      assert.equal(smtp.received.length, 2);
    });

    test('a server that answers 451 to the first attempt gets the mail again after the backoff, and it arrives once', async () => {
      const { receiver, sender } = await senderTo({ refuseData: (i) => (i === 0 ? { code: 451, message: 'Greylisted, try again later' } : null) });
      const to = uniqueEmail('grey');
      await enqueue(to);

      assert.deepEqual(await sender.sendOnce(), { attempted: 1, sent: 0, retrying: 1, failed: 0 });
      let [mail] = await outbox(to);
      assert.deepEqual([mail.status, mail.attempts, mail.sentAt], ['pending', 1, null]);
      assert.match(mail.lastError, /451.*Greylisted/);
      assert.equal(mail.nextAttemptAt, new Date(h.clock.now() + MINUTE).toISOString(), 'the first retry is a minute later');

      assert.equal((await sender.sendOnce()).attempted, 0, 'not before it is due');
      h.clock.advance(MINUTE - 1);
      assert.equal((await sender.sendOnce()).attempted, 0);
      h.clock.advance(1);
      assert.deepEqual(await sender.sendOnce(), { attempted: 1, sent: 1, retrying: 0, failed: 0 });
      [mail] = await outbox(to);
      assert.deepEqual([mail.status, mail.attempts, mail.lastError, mail.sentAt], ['sent', 2, null, new Date(h.clock.now()).toISOString()]);
      assert.deepEqual([receiver.offered(), receiver.received.length], [2, 1]);
      assert.deepEqual(receiver.received[0].envelope.to, [to]);

      h.clock.advance(7 * 86_400_000);
      assert.equal((await sender.sendOnce()).attempted, 0);
      assert.equal(receiver.received.length, 1, 'delivered once');
    });

    test(`a server that keeps refusing: retried with growing waits, failed after ${MAIL_MAX_ATTEMPTS} attempts`, async () => {
      const { receiver, sender } = await senderTo({ refuseData: () => ({ code: 421, message: 'Service not available' }) });
      const to = uniqueEmail('down');
      await enqueue(to);
      const waits: number[] = [];
      for (let attempt = 1; attempt <= MAIL_MAX_ATTEMPTS; attempt++) {
        assert.equal((await sender.sendOnce()).attempted, 1, `attempt ${attempt}`);
        const [mail] = await outbox(to);
        if (mail.nextAttemptAt) waits.push(Date.parse(mail.nextAttemptAt) - h.clock.now());
        h.clock.advance(waits.at(-1) ?? 0);
      }
      assert.deepEqual(waits, [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 12 * HOUR]);
      const [failed] = await outbox(to);
      assert.deepEqual([failed.status, failed.attempts, failed.nextAttemptAt, failed.sentAt], ['failed', MAIL_MAX_ATTEMPTS, null, null]);
      assert.match(failed.lastError, /421.*Service not available/);
      h.clock.advance(30 * 86_400_000);
      assert.equal((await sender.sendOnce()).attempted, 0, 'failed mail waits for a person');
      assert.deepEqual([receiver.offered(), receiver.received.length], [MAIL_MAX_ATTEMPTS, 0]);
    });

    test('a mailbox the server says does not exist (550) fails at once; an unreachable server is retried', async () => {
      const { sender } = await senderTo({ refuseRecipient: (address) => (address.startsWith('gone') ? { code: 550, message: 'No such mailbox' } : null) });
      const gone = uniqueEmail('gone');
      await enqueue(gone);
      assert.deepEqual(await sender.sendOnce(), { attempted: 1, sent: 0, retrying: 0, failed: 1 });
      const [mail] = await outbox(gone);
      assert.deepEqual([mail.status, mail.attempts], ['failed', 1]);
      assert.match(mail.lastError, /550.*No such mailbox/);

      const closed = await startSmtpReceiver();
      await closed.close();
      const unreachable = new MailSender(h.deps, createSmtpMailer(closed.url, FROM), { random: () => 0.5 });
      const to = uniqueEmail('unreachable');
      await enqueue(to);
      assert.deepEqual(await unreachable.sendOnce(), { attempted: 1, sent: 0, retrying: 1, failed: 0 });
      const [waiting] = await outbox(to);
      assert.match(waiting.lastError, /could not be reached.*ECONNREFUSED/);
      h.clock.advance(MINUTE);
      await new MailSender(h.deps, h.deps.mailer!).sendOnce();
      assert.equal((await outbox(to))[0].status, 'sent', 'sent once the server is back');
    });

    test('two senders on the same database at once never send a mail twice', async () => {
      const { receiver, mailer } = await senderTo();
      const addresses = Array.from({ length: 30 }, (_, i) => uniqueEmail(`burst${i}`));
      for (const to of addresses) await enqueue(to);
      // The second sender has its own connection, as another server process would.
      const other = openDatabase(h.databaseUrl ? { databaseUrl: h.databaseUrl, dataDir: os.tmpdir(), poolSize: 3 } : { dataDir: h.dataDir!, sqliteSynchronous: 'normal' });
      try {
        await sql`select 1`.execute(other.db);
        const first = new MailSender(h.deps, mailer, { batchSize: 8 });
        const second = new MailSender({ database: other, clock: h.clock }, mailer, { batchSize: 8 });
        let attempted = 0;
        for (let pass = 0; pass < 3; pass++) {
          const [a, b] = await Promise.all([first.sendOnce(), second.sendOnce()]);
          attempted += a.attempted + b.attempted;
        }
        const [a, b] = await Promise.all([first.sendOnce(), second.sendOnce()]);
        assert.equal(attempted + a.attempted + b.attempted, 30);
      } finally {
        await other.close();
      }
      const to = receiver.received.map((m) => m.envelope.to[0]);
      assert.deepEqual([to.length, new Set(to).size], [30, 30], 'each mail arrived once');
      assert.deepEqual(new Set(to), new Set(addresses));
      const rows = await h.database.db.selectFrom('mail_outbox').select(['status', 'attempts']).where('to_address', 'in', addresses).execute();
      assert.deepEqual([rows.length, rows.every((r) => r.status === 'sent' && Number(r.attempts) === 1)], [30, true]);
    });

    test('the outbox is filtered by status and paged, newest first', async () => {
      const failed = (await admin.ok('GET', '/v1/admin/mail?status=failed&limit=200')).items;
      assert.ok(failed.length >= 2 && failed.every((m: any) => m.status === 'failed'), 'only failed mail');
      const first = await admin.ok('GET', '/v1/admin/mail?limit=3');
      assert.equal(first.items.length, 3);
      assert.equal(first.nextCursor, first.items[2].id);
      const next = await admin.ok('GET', `/v1/admin/mail?limit=3&cursor=${first.nextCursor}`);
      assert.ok(next.items.every((m: any) => m.id < first.items[2].id), 'the next page goes on from the cursor');
      const ids = [...first.items, ...next.items].map((m: any) => m.id);
      assert.deepEqual(ids, [...ids].sort().reverse(), 'newest first');
      assert.deepEqual((await admin.ok('GET', '/v1/admin/mail?status=sending')).items, []);
    });
  });
}
