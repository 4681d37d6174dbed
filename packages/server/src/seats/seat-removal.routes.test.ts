import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { changeLicenseStatus } from '../licenses/license.service.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { accountClient, bridgeFor, providers, schedules } from '../testing/seat-fixtures.ts';

const { plus: PLUS } = DEMO.engagement;
const { messages: MESSAGES, reminders: REMINDERS, booking: BOOKING } = DEMO.engagement.features;

for (const dialect of DIALECTS) {
  describe(`seat management: removing a license (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    /** Two Plus licenses with every slot assigned: two providers and four schedules. */
    async function fullTwoPlus() {
      const customer = await seedCustomer(h, [PLUS, PLUS]);
      const account = accountClient(h, customer);
      const ids = await (await bridgeFor(h, customer.id)).ids([...providers('P1', 'P2'), ...schedules('S1', 'S2', 'S3', 'S4')]);
      const rows: Record<string, { assignmentId: string; licenseId: string }> = {};
      for (const [feature, name] of [[MESSAGES, 'P1'], [MESSAGES, 'P2'], [REMINDERS, 'S1'], [REMINDERS, 'S2'], [BOOKING, 'S3'], [BOOKING, 'S4']]) {
        const response = await account.post('/v1/account/assignments', { feature, resourceId: ids[name] });
        assert.equal(response.statusCode, 201);
        rows[name] = json(response).assignment;
      }
      // The oldest license takes the first slot of each feature.
      const first = rows.P1.licenseId;
      const second = customer.licenseIds.find((id) => id !== first)!;
      assert.deepEqual([rows.S1.licenseId, rows.S3.licenseId, rows.P2.licenseId], [first, first, second]);
      return { customer, account, rows, first, second };
    }

    test('removing a full Plus asks for one row of each table, naming the candidates, and refuses bad choices', async () => {
      const { account, rows, first } = await fullTwoPlus();
      const remove = (releaseAssignmentIds: string[]) => account.post(`/v1/account/licenses/${first}/remove`, { releaseAssignmentIds });

      const needs = await remove([]);
      assert.equal(needs.statusCode, 409);
      const body = json(needs);
      assert.equal(body.code, 'REMOVAL_NEEDS_CHOICE');
      assert.match(body.detail, /Choose 1 of Online Booking, 1 of Patient Messages, 1 of Patient Reminders/);
      assert.deepEqual(
        body.needs.map((n: any) => [n.feature.code, n.count, n.candidates.map((c: any) => c.resource.name).sort()]),
        [[BOOKING, 1, ['S3', 'S4']], [MESSAGES, 1, ['P1', 'P2']], [REMINDERS, 1, ['S1', 'S2']]],
      );
      assert.ok(body.needs[1].candidates.some((c: any) => c.assignmentId === rows.P1.assignmentId));
      assert.deepEqual(body.priceChange.delta, { month: -7900, year: 0 });

      const partly = json(await remove([rows.P1.assignmentId, rows.S1.assignmentId]));
      assert.equal(partly.code, 'REMOVAL_NEEDS_CHOICE');
      assert.deepEqual(partly.needs.map((n: any) => n.feature.code), [BOOKING]);

      for (const bad of [[rows.P1.assignmentId, rows.P2.assignmentId, rows.S1.assignmentId, rows.S3.assignmentId], [rows.P1.assignmentId, rows.S1.assignmentId, rows.S3.assignmentId, 'no-such-row']]) {
        const response = await remove(bad);
        assert.equal(response.statusCode, 409);
        assert.equal(json(response).code, 'INVALID_REMOVAL_CHOICE');
      }
      assert.deepEqual(await account.totals(), { [BOOKING]: [2, 2, 0], [MESSAGES]: [2, 2, 0], [REMINDERS]: [2, 2, 0] }, 'refusals change nothing');
    });

    test('choosing rows of the other license releases them and moves the removed license\'s rows onto it', async () => {
      const { account, rows, first, second } = await fullTwoPlus();
      const chosen = [rows.P2.assignmentId, rows.S2.assignmentId, rows.S4.assignmentId];

      const dry = json(await account.post(`/v1/account/licenses/${first}/remove`, { releaseAssignmentIds: chosen, dryRun: true }));
      assert.equal(dry.dryRun, true);
      assert.deepEqual(dry.priceChange, { currency: 'CAD', before: { month: 15800, year: 0 }, after: { month: 7900, year: 0 }, delta: { month: -7900, year: 0 } });
      assert.deepEqual((await account.totals())[MESSAGES], [2, 2, 0], 'a dry run changes nothing');

      const removed = await account.post(`/v1/account/licenses/${first}/remove`, { releaseAssignmentIds: chosen });
      assert.equal(removed.statusCode, 200);
      const result = json(removed);
      assert.equal(result.license.status, 'cancelled');
      assert.deepEqual(result.released.sort(), [...chosen].sort());
      assert.deepEqual(
        result.rebound.map((r: any) => r.assignmentId).sort(),
        [rows.P1.assignmentId, rows.S1.assignmentId, rows.S3.assignmentId].sort(),
      );
      assert.ok(result.rebound.every((r: any) => r.licenseId === second));
      assert.deepEqual(result.priceChange.delta, { month: -7900, year: 0 });

      assert.deepEqual(await account.totals(), { [BOOKING]: [1, 1, 0], [MESSAGES]: [1, 1, 0], [REMINDERS]: [1, 1, 0] });
      const licenses = json(await account.get('/v1/account/licenses')).items;
      const byId = Object.fromEntries(licenses.map((l: any) => [l.id, l]));
      assert.equal(byId[first].status, 'cancelled');
      assert.deepEqual(byId[first].assignments, []);
      assert.deepEqual(byId[second].assignments.map((r: any) => r.resource.name).sort(), ['P1', 'S1', 'S3']);
      assert.deepEqual(json(await account.get('/v1/account/bill')).totals, { month: 7900, year: 0 });
      assert.equal(json(await account.post(`/v1/account/licenses/${first}/remove`, {})).code, 'INVALID_STATE');
    });

    test('a suspended license is removed without a choice when the others hold every seat (DELETE, no body)', async () => {
      const customer = await seedCustomer(h, [PLUS, PLUS]);
      const account = accountClient(h, customer);
      const ids = await (await bridgeFor(h, customer.id)).ids(providers('P1'));
      const row = json(await account.post('/v1/account/assignments', { feature: MESSAGES, resourceId: ids.P1 })).assignment;
      const other = customer.licenseIds.find((id) => id !== row.licenseId)!;
      await h.database.transaction((trx) => changeLicenseStatus(trx, row.licenseId, 'suspend', SYSTEM_ACTOR, h.clock.now()));
      assert.deepEqual((await account.totals())[MESSAGES], [1, 1, 0]);

      const removed = await account.delete(`/v1/account/licenses/${row.licenseId}`);
      assert.equal(removed.statusCode, 200, removed.body);
      assert.deepEqual(json(removed).rebound, [{ assignmentId: row.assignmentId, licenseId: other }]);
      assert.deepEqual(json(removed).priceChange.delta, { month: 0, year: 0 }, 'a suspended license is not billed');
      const pool = json(await account.get('/v1/account/pools')).items.find((p: any) => p.feature.code === MESSAGES);
      assert.deepEqual([pool.capacity, pool.assigned, pool.rows[0].licenseId], [1, 1, other]);
    });
  });
}
