import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOUR, MINUTE } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { registerAccount, uniqueEmail } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../testing/smtp-receiver.ts';
import { MailSender, MAIL_MAX_ATTEMPTS } from './mail-sender.ts';
import { claimDueMail } from './mail.repository.ts';
import { enqueueMail } from './mail.service.ts';
import { createSmtpMailer, type Mailer } from './mailer.ts';

const FROM = 'Leasehold <licenses@vendor.example>';

const enqueue = (h: Harness, to: string) => h.database.transaction((trx) => enqueueMail(trx, {
  customerId: null, to, template: 'invitation', locale: 'fr',
  vars: { customerName: 'Clinique du Lac', inviterName: 'Sam', role: 'viewer', link: 'https://licenses.example/portal/accept-invitation?token=abc', expiresAt: h.clock.now() + HOUR },
}, h.clock.now()));

for (const dialect of DIALECTS) {
  describe(`mail admin API: send now (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    let smtp: SmtpReceiver;
    let mailer: Mailer;
    let refusing = false;
    const mailOf = async (to: string) => (await admin.ok('GET', `/v1/admin/mail?to=${encodeURIComponent(to)}`)).items[0];
    const retry = (id: string) => admin.send('POST', `/v1/admin/mail/${id}/retry`);

    before(async () => {
      smtp = await startSmtpReceiver({ refuseData: () => (refusing ? { code: 451, message: 'Mailbox busy' } : null) });
      mailer = createSmtpMailer(smtp.url, FROM);
      h = await createHarness(dialect, { mailer });
      admin = adminClient(h);
    });
    after(async () => {
      await h.close();
      mailer.close();
      await smtp.close();
    });

    test('a failed mail is sent again on request, as one more attempt, and then never again', async () => {
      const to = uniqueEmail('failed');
      await enqueue(h, to);
      const sender = new MailSender(h.deps, mailer, { random: () => 0.5 });
      refusing = true;
      for (let attempt = 1; attempt <= MAIL_MAX_ATTEMPTS; attempt++) {
        await sender.sendOnce();
        h.clock.advance(86_400_000);
      }
      refusing = false;
      const failed = await mailOf(to);
      assert.deepEqual([failed.status, failed.attempts], ['failed', MAIL_MAX_ATTEMPTS]);

      const sent = await admin.ok('POST', `/v1/admin/mail/${failed.id}/retry`);
      assert.deepEqual([sent.id, sent.status, sent.attempts, sent.lastError, sent.sentAt], [failed.id, 'sent', MAIL_MAX_ATTEMPTS + 1, null, new Date(h.clock.now()).toISOString()]);
      assert.deepEqual(smtp.received.map((m) => m.envelope.to), [[to]]);
      assert.equal(smtp.received[0].subject, failed.subject, 'the French subject, as stored');
      assert.match(smtp.received[0].text!, /Clinique du Lac/);
      const event = await admin.lastEvent('mail.retried', failed.id);
      assert.deepEqual([event.data.previousStatus, event.data.attempts, event.actor.type], ['failed', MAIL_MAX_ATTEMPTS, 'admin_key']);

      assertProblem(await retry(failed.id), 409, 'INVALID_STATE', 'retrying sent mail');
      assert.match(json(await retry(failed.id)).detail, /never sent twice/);
      assert.equal(smtp.received.length, 1);
      assertProblem(await retry('0190aaaa-0000-7000-8000-000000000000'), 404, 'NOT_FOUND', 'an unknown mail');
    });

    test('a mail waiting for its retry is sent at once; one another sender holds is left to it until its lease ends', async () => {
      const waiting = uniqueEmail('waiting');
      await enqueue(h, waiting);
      refusing = true;
      await new MailSender(h.deps, mailer, { random: () => 0.5 }).sendOnce();
      refusing = false;
      const pending = await mailOf(waiting);
      assert.equal(pending.nextAttemptAt, new Date(h.clock.now() + MINUTE).toISOString());
      assert.equal((await admin.ok('POST', `/v1/admin/mail/${pending.id}/retry`)).status, 'sent', 'sent before its wait is over');

      const held = uniqueEmail('held');
      const id = await enqueue(h, held);
      // Another process took it and is sending it (or died doing so).
      await h.database.transaction((trx) => claimDueMail(trx, h.dialect, h.clock.now(), h.clock.now() + 10 * MINUTE, 1, [id]));
      assert.equal((await mailOf(held)).status, 'sending');
      assertProblem(await retry(id), 409, 'INVALID_STATE', 'retrying mail being sent');
      h.clock.advance(10 * MINUTE);
      const taken = await admin.ok('POST', `/v1/admin/mail/${id}/retry`);
      assert.deepEqual([taken.status, taken.attempts], ['sent', 2], 'after the lease, the abandoned attempt is taken over');
      assert.equal(smtp.received.filter((m) => m.envelope.to[0] === held).length, 1);
    });
  });

  describe(`mail with no SMTP configured (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('mail stays pending in the outbox, shown as it would be sent, and send now says what to configure', async () => {
      const admin = adminClient(h);
      const account = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]), { locale: 'fr' });
      await h.request({ method: 'POST', url: '/v1/portal/password-reset', payload: { email: account.user.email } });
      h.clock.advance(HOUR);
      const [mail] = (await admin.ok('GET', `/v1/admin/mail?status=pending&to=${encodeURIComponent(account.user.email)}`)).items;
      assert.deepEqual([mail.status, mail.attempts, mail.lastError, mail.from, mail.template, mail.locale], ['pending', 0, null, null, 'password_reset', 'fr']);
      assert.match(mail.text, /reset-password\?token=/);
      assert.match(mail.html, /<a href="http:\/\/leasehold\.test\/portal\/reset-password\?token=/);

      const refused = await admin.send('POST', `/v1/admin/mail/${mail.id}/retry`);
      assertProblem(refused, 409, 'INVALID_STATE', 'send now without SMTP');
      assert.match(json(refused).detail, /SMTP_URL/);
      assert.deepEqual(await admin.ok('GET', `/v1/admin/mail?to=${encodeURIComponent(account.user.email)}`), { items: [mail], nextCursor: null }, 'the mail is unchanged');
    });
  });
}
