import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';
import { asStaff, signInStaff } from '../testing/staff-fixtures.ts';

const requestFile = (seed: string, overrides: Record<string, unknown> = {}) => `${JSON.stringify({
  type: 'leasehold-offline-request', version: 1, product: DEMO.desktop.product, fingerprint: fingerprint(seed), hostName: `${seed}-pc`,
  platform: 'win32 10.0.19045', appVersion: '5.2.0', nonce: `nonce-${seed}-0123456789`, createdAt: '2026-01-15T11:58:00.000Z', ...overrides,
}, null, 2)}\n`;

const claims = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString());

for (const dialect of DIALECTS) {
  describe(`admin API: air-gapped activation on a customer's behalf (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
    });
    after(() => h.close());

    const answer = (customerId: string, request: unknown) => admin.send('POST', `/v1/admin/customers/${customerId}/offline-activations`, { request });

    test('a staff member turns the request file into the signed response file; the activation is theirs', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Maple Lab');
      const staff = await signInStaff(h, 'support');
      const response = await asStaff(h, staff)('POST', `/v1/admin/customers/${customer.id}/offline-activations`, { request: requestFile('vault') });
      assert.equal(response.statusCode, 200, response.body);
      const body = json(response);
      assert.deepEqual([body.valid, body.code, body.filename], [true, 'VALID', 'leasehold-response-vault-pc.json']);
      const file = JSON.parse(body.response);
      assert.deepEqual([file.type, file.version, claims(file.response).nonce], ['leasehold-offline-response', 1, 'nonce-vault-0123456789']);
      const created = await admin.lastEvent('activation.created', body.activation.id);
      assert.deepEqual([created.actor.type, created.actor.id, created.customerId], ['staff', staff.staffId, customer.id]);
      const computers = await admin.ok('GET', `/v1/admin/customers/${customer.id}/activations`);
      assert.deepEqual(computers.items.map((a: any) => a.hostName), ['vault-pc']);

      const again = json(await answer(customer.id, JSON.parse(requestFile('vault', { nonce: 'nonce-vault-second-0123' }))));
      assert.deepEqual([again.valid, again.activation.id], [true, body.activation.id], 'the same computer asking again keeps its seat (the file may come parsed)');
      const full = json(await answer(customer.id, requestFile('second')));
      assert.deepEqual([full.valid, full.code, full.response, full.filename], [false, 'NO_FREE_SEAT', null, null]);
    });

    test('a request from a computer licensed to another customer is refused, naming that customer; after a reset there it goes through', async () => {
      const owner = await seedCustomer(h, [DEMO.desktop.plan], 'Oak Dental');
      const target = await seedCustomer(h, [DEMO.desktop.plan], 'Pine Dental');
      const first = json(await answer(owner.id, requestFile('shared')));
      assert.equal(first.valid, true);
      // Two components replaced: within the desktop policy's tolerance, still the same computer.
      const drifted = requestFile('shared', { fingerprint: fingerprint('shared', { cpu: 'replaced-cpu-hash', mac: 'replaced-mac-hash' }) });
      for (const request of [requestFile('shared'), drifted]) {
        const refused = await answer(target.id, request);
        assertProblem(refused, 409, 'COMPUTER_OF_ANOTHER_CUSTOMER');
        const problem = json(refused);
        assert.match(problem.detail, new RegExp(`shared-pc, a computer licensed to customer ${owner.registration.customerNumber} \\(Oak Dental\\)`));
        assert.equal(problem.customerId, owner.id);
      }
      assert.deepEqual((await admin.ok('GET', `/v1/admin/customers/${target.id}/activations`)).items, [], 'no seat was taken');

      await admin.ok('POST', `/v1/admin/activations/${first.activation.id}/reset`, { reason: 'computer sold to Pine Dental' });
      const moved = json(await answer(target.id, requestFile('shared')));
      assert.deepEqual([moved.valid, moved.code], [true, 'VALID']);
    });

    test('a request of a computer unknown elsewhere, or of another product, is not mistaken for another customer\'s', async () => {
      const owner = await seedCustomer(h, [DEMO.desktop.plan], 'Spruce Clinic');
      const target = await seedCustomer(h, [DEMO.desktop.plan], 'Tamarack Clinic');
      assert.equal(json(await answer(owner.id, requestFile('lookalike'))).valid, true);
      const unrelated = json(await answer(target.id, requestFile('unrelated', { fingerprint: fingerprint('unrelated', { cpu: fingerprint('lookalike').cpu }) })));
      assert.equal(unrelated.valid, true, 'one shared component is not the same computer');
    });

    test('what is not a request file is a 400 that says which file to upload; an unknown customer is a 404', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Willow Clinic');
      const cases: [unknown, RegExp][] = [
        ['this is not json', /not JSON/],
        [JSON.stringify({ type: 'leasehold-offline-response', version: 1, response: 'x.y.z' }), /response file/],
        [requestFile('short', { nonce: 'short' }), /not a Leasehold activation request file/],
      ];
      for (const [request, message] of cases) {
        const refused = await answer(customer.id, request);
        assertProblem(refused, 400, 'VALIDATION_FAILED', String(request).slice(0, 20));
        assert.match(json(refused).detail, message);
      }
      assertProblem(await answer('no-such-customer', requestFile('nobody')), 404, 'NOT_FOUND');
    });

    test('read-only staff cannot answer a request', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Read Clinic');
      const reader = await signInStaff(h, 'read_only');
      assertProblem(await asStaff(h, reader)('POST', `/v1/admin/customers/${customer.id}/offline-activations`, { request: requestFile('reader') }), 403, 'FORBIDDEN');
    });
  });
}
