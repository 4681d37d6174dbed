import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MINUTE } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { browser, logOn, mailTo, PASSWORD, registerAccount, tokenInLink, uniqueEmail } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';
import { THROTTLE } from './throttle.service.ts';

const NEW_PASSWORD = 'a brand new passphrase';

for (const dialect of DIALECTS) {
  describe(`client portal: password reset (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    const ask = (email: string, locale?: 'en' | 'fr') => h.request({ method: 'POST', url: '/v1/portal/password-reset', payload: { email, ...(locale ? { locale } : {}) } });
    const confirm = (token: string, password = NEW_PASSWORD) => h.request({ method: 'POST', url: '/v1/portal/password-reset/confirm', payload: { token, password } });

    test('the emailed link sets a new password once, and ends the sessions of the account', async () => {
      const account = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]), { locale: 'fr', name: 'Camille' });
      const unknown = uniqueEmail('nobody');
      const [known, stranger] = [await ask(account.user.email.toUpperCase()), await ask(unknown)];
      assert.equal(known.statusCode, 202);
      assert.deepEqual([stranger.statusCode, stranger.body, stranger.headers['content-type']], [known.statusCode, known.body, known.headers['content-type']], 'the same answer either way');
      assert.deepEqual(json(known), { sent: true });
      assert.equal((await mailTo(h, unknown)).length, 0, 'no mail for an address without an account');

      const [mail] = await mailTo(h, account.user.email);
      assert.deepEqual([mail.template, mail.locale, mail.status], ['password_reset', 'fr', 'pending']);
      assert.match(mail.subject, /Réinitialisez/);
      assert.match(mail.text_body, /Bonjour Camille/);
      assert.match(mail.text_body, /http:\/\/leasehold\.test\/portal\/reset-password\?token=/);
      const token = tokenInLink(mail.text_body, '/portal/reset-password');
      assert.ok(mail.html_body!.includes(`token=${token}`));

      const short = await confirm(token, 'short');
      assertProblem(short, 400, 'VALIDATION_FAILED', 'a short new password');
      const done = await confirm(token);
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(json(done), { reset: true });
      assertProblem(await confirm(token, 'yet another passphrase'), 400, 'TOKEN_INVALID', 'the link used a second time');

      assertProblem(await browser(h, account).get('/v1/portal/session'), 401, 'UNAUTHENTICATED', 'the session from before the reset');
      assertProblem(await logOn(h, account.user.email, PASSWORD), 401, 'INVALID_CREDENTIALS', 'the old password');
      assert.equal((await logOn(h, account.user.email, NEW_PASSWORD)).statusCode, 200, 'the new password');
    });

    test('a link expires after one hour, a newer one ends the older, and a made-up token is refused', async () => {
      const account = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]));
      await ask(account.user.email, 'en');
      const first = tokenInLink((await mailTo(h, account.user.email))[0].text_body, '/portal/reset-password');
      await ask(account.user.email);
      const second = tokenInLink((await mailTo(h, account.user.email))[0].text_body, '/portal/reset-password');
      assert.notEqual(first, second);
      assertProblem(await confirm(first), 400, 'TOKEN_INVALID', 'the older link');
      h.clock.advance(60 * MINUTE);
      assertProblem(await confirm(second), 400, 'TOKEN_INVALID', 'the link after an hour');
      assertProblem(await confirm('lh_reset_made-up'), 400, 'TOKEN_INVALID', 'a made-up token');
      assert.equal((await logOn(h, account.user.email)).statusCode, 200, 'the password did not change');
    });

    test('a reset lifts a lock-out of the email, as the LOGON_LOCKED message suggests', async () => {
      const account = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]));
      for (let i = 1; i <= THROTTLE.lockAfter; i++) await logOn(h, account.user.email, 'guess guess guess', `10.2.0.${i}`);
      assertProblem(await logOn(h, account.user.email, PASSWORD, '10.2.1.1'), 429, 'LOGON_LOCKED', 'the locked email');
      await ask(account.user.email);
      assert.equal((await confirm(tokenInLink((await mailTo(h, account.user.email))[0].text_body, '/portal/reset-password'))).statusCode, 200);
      assert.equal((await logOn(h, account.user.email, NEW_PASSWORD, '10.2.1.2')).statusCode, 200);
    });
  });
}
