import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY, iso } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';
import { accountClient } from '../testing/seat-fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`seat management: RESET LICENSE from the portal (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    const activate = async (customer: TestCustomer, seed: string): Promise<string> => {
      const response = await h.request({
        method: 'POST', url: '/v1/activations', headers: { authorization: customer.basic },
        payload: { product: DEMO.desktop.product, fingerprint: fingerprint(seed), hostName: `${seed}-pc`, platform: 'win32 10.0.22631', appVersion: '5.2.0' },
      });
      assert.equal(json(response).valid, true, response.body);
      return json(response).activation.id;
    };

    test('three resets per 365 days: the fourth is refused naming the refill date, which then frees one', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const account = accountClient(h, customer);
      const firstResetAt = h.clock.now();

      for (const [index, seed] of ['reception', 'office', 'laptop'].entries()) {
        const activationId = await activate(customer, seed);
        const reset = await account.delete(`/v1/account/assignments/${activationId}`, { reason: 'New computer at the front desk' });
        assert.equal(reset.statusCode, 200, reset.body);
        assert.equal(json(reset).reset.budget.remaining, 2 - index);
        assert.equal(json(reset).reset.budget.nextRefillAt, iso(firstResetAt + 365 * DAY));
        h.clock.advance(DAY);
      }

      const fourth = await activate(customer, 'spare');
      const licenses = json(await account.get('/v1/account/licenses')).items;
      assert.equal(licenses[0].assignments[0].activation.hostName, 'spare-pc');
      assert.equal(licenses[0].resetBudget.remaining, 0);

      const refused = await account.delete(`/v1/account/assignments/${fourth}`);
      assert.equal(refused.statusCode, 409);
      const problem = json(refused);
      assert.equal(problem.code, 'RESET_BUDGET_EXHAUSTED');
      assert.ok(problem.detail.includes(iso(firstResetAt + 365 * DAY)), problem.detail);
      assert.equal(problem.budget.remaining, 0);
      assert.deepEqual((await account.totals())[DEMO.desktop.feature], [1, 1, 0], 'the refused reset keeps the seat');

      h.clock.at = firstResetAt + 365 * DAY + 1;
      const refilled = json(await account.delete(`/v1/account/assignments/${fourth}`));
      assert.equal(refilled.reset.budget.remaining, 0);
      assert.equal(refilled.reset.budget.nextRefillAt, iso(firstResetAt + DAY + 365 * DAY));
      assert.deepEqual((await account.totals())[DEMO.desktop.feature], [1, 0, 1]);

      const history = json(await account.get('/v1/account/events?limit=200')).items;
      assert.equal(history.filter((e: any) => e.type === 'activation.reset').length, 4);
    });

    test('machines are not assigned through the portal; a license key resets only its own computers, from the app, never through the portal', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan, DEMO.desktop.plan]);
      const first = await activate(customer, 'front');
      const second = await activate(customer, 'back');
      const licenses = json(await accountClient(h, customer).get('/v1/account/licenses')).items;
      const licenseOf = (activationId: string) => licenses.find((l: any) => l.assignments.some((a: any) => a.assignmentId === activationId)).id;
      const byLicense = { authorization: `License ${customer.licenseKeys[customer.licenseIds.indexOf(licenseOf(first))]}` };
      const inPortal = await h.request({ method: 'DELETE', url: `/v1/account/assignments/${first}`, headers: byLicense });
      assert.equal(json(inPortal).code, 'PORTAL_SESSION_REQUIRED');
      const fromApp = (activationId: string) => h.request({ method: 'POST', url: `/v1/activations/${activationId}/reset`, headers: byLicense, payload: { reason: 'Replaced the computer' } });
      assert.equal((await fromApp(second)).statusCode, 404);
      assert.equal((await fromApp(first)).statusCode, 200);

      const pc = json(await accountClient(h, customer).get('/v1/account/resources?kind=machine')).items[0];
      const assign = await accountClient(h, customer).post('/v1/account/assignments', { feature: DEMO.desktop.feature, resourceId: pc.id });
      assert.equal(json(assign).code, 'SEAT_KIND_MISMATCH');
    });
  });
}
