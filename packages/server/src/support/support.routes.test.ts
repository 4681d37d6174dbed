import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { browser, registerAccount, uniqueEmail } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';
import { SupportService } from './support.service.ts';

for (const dialect of DIALECTS) {
  describe(`client portal: "Other questions? Send a request" (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('with a session the customer and the user are attached; from the log-on page name and email are needed', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Maple Family Practice');
      const session = await registerAccount(h, customer, { name: 'Alex Desk' });
      const question = { subject: 'Invoice', message: 'Can we pay yearly?' };

      assertProblem(await browser(h, session).post('/v1/portal/support-requests', question, { csrf: false }), 403, 'CSRF_TOKEN_INVALID', 'a session without the CSRF header');
      const mine = await browser(h, session).post('/v1/portal/support-requests', question);
      assert.equal(mine.statusCode, 201, mine.body);

      const anonymous = (payload: object) => h.request({ method: 'POST', url: '/v1/portal/support-requests', payload: { ...question, ...payload } });
      const missing = await anonymous({ name: 'Pat' });
      assertProblem(missing, 400, 'VALIDATION_FAILED', 'no email and no session');
      assert.deepEqual(json(missing).errors.map((e: any) => e.field), ['body.email']);
      const email = uniqueEmail('visitor');
      const theirs = await anonymous({ name: 'Pat Visitor', email });
      assert.equal(theirs.statusCode, 201);
      const stale = await h.request({ method: 'POST', url: '/v1/portal/support-requests', headers: { cookie: 'lh_portal=lh_sess_ended' }, payload: { ...question, name: 'Pat', email } });
      assert.equal(stale.statusCode, 201, 'an ended session does not stop a request from the log-on page');

      const queue = await new SupportService(h.deps).list({ status: 'open', limit: 10 });
      const byId = new Map(queue.map((r) => [r.id, r]));
      const withSession = byId.get(json(mine).id)!;
      assert.deepEqual(
        [withSession.kind, withSession.customerId, withSession.portalUserId, withSession.email, withSession.name, withSession.businessName, withSession.message],
        ['question', customer.id, session.user.id, session.user.email, 'Alex Desk', 'Maple Family Practice', 'Can we pay yearly?'],
      );
      const fromLogon = byId.get(json(theirs).id)!;
      assert.deepEqual([fromLogon.customerId, fromLogon.portalUserId, fromLogon.email, fromLogon.name], [null, null, email, 'Pat Visitor']);
      assert.equal(queue[0].id, json(stale).id, 'newest first');
    });
  });
}
