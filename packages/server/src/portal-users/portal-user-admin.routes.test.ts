import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, seedCustomer, type Harness } from '../testing/harness.ts';
import { PASSWORD, browser, logOn, registerAccount } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';

for (const dialect of DIALECTS) {
  describe(`admin API: a customer's portal users (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
    });
    after(() => h.close());

    test('lists name, email, role and last sign-in, and invitations not yet accepted; nobody of another customer', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Larch Clinic');
      const other = await seedCustomer(h, [DEMO.desktop.plan], 'Other Clinic');
      await registerAccount(h, other, { email: 'someone@other.test' });
      assert.deepEqual(await admin.ok('GET', `/v1/admin/customers/${customer.id}/users`), { items: [], invitations: [] });

      const owner = await registerAccount(h, customer, { name: 'Pat Owner', email: 'pat@larch.test' });
      h.clock.advance(60_000);
      assert.equal((await logOn(h, 'pat@larch.test', PASSWORD)).statusCode, 200);
      const invited = await browser(h, owner).post('/v1/portal/invitations', { email: 'new.viewer@larch.test', role: 'viewer' });
      assert.equal(invited.statusCode, 201, invited.body);

      const list = await admin.ok('GET', `/v1/admin/customers/${customer.id}/users`);
      assert.deepEqual(list.items.map((u: any) => [u.name, u.email, u.role, u.lastLoginAt]), [['Pat Owner', 'pat@larch.test', 'owner', new Date(h.clock.now()).toISOString()]]);
      assert.deepEqual(list.invitations.map((i: any) => [i.email, i.role]), [['new.viewer@larch.test', 'viewer']]);
      assert.ok(Date.parse(list.invitations[0].expiresAt) > h.clock.now());
    });

    test('an unknown customer → 404 NOT_FOUND', async () => {
      assertProblem(await admin.send('GET', '/v1/admin/customers/no-such-customer/users'), 404, 'NOT_FOUND');
    });
  });
}
