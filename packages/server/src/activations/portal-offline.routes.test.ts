import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { browser, registerAccount } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';

const requestFile = (seed: string, overrides: Record<string, unknown> = {}) => `${JSON.stringify({
  type: 'leasehold-offline-request', version: 1, product: DEMO.desktop.product, fingerprint: fingerprint(seed), hostName: `${seed} pc`,
  platform: 'win32 10.0.19045', appVersion: '5.2.0', nonce: `nonce-${seed}-0123456789`, createdAt: '2026-01-15T11:58:00.000Z', ...overrides,
}, null, 2)}\n`;

const claims = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString());

for (const dialect of DIALECTS) {
  describe(`client portal: offline activation (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('the request file\'s content comes back as a signed response file bound to its nonce; the seat is the portal user\'s doing', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const session = await registerAccount(h, customer);
      const me = browser(h, session);
      const answer = await me.post('/v1/portal/offline-activations', { request: `\uFEFF${requestFile('vault')}` });
      assert.equal(answer.statusCode, 200, answer.body);
      const body = json(answer);
      assert.deepEqual([body.valid, body.code, body.filename], [true, 'VALID', 'leasehold-response-vault-pc.json']);
      const file = JSON.parse(body.response);
      assert.deepEqual([file.type, file.version], ['leasehold-offline-response', 1]);
      assert.equal(claims(file.response).nonce, 'nonce-vault-0123456789');
      const created = json(await me.get('/v1/account/events')).items.find((e: any) => e.type.startsWith('activation.'));
      assert.deepEqual(created.actor, { type: 'portal_user', id: session.user.id });

      const full = json(await me.post('/v1/portal/offline-activations', { request: requestFile('second') }));
      assert.deepEqual([full.valid, full.code, full.response, full.filename], [false, 'NO_FREE_SEAT', null, null]);
    });

    test('what is not a request file is refused with a message that says which file to upload', async () => {
      const me = browser(h, await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan])));
      const cases: [unknown, RegExp][] = [
        ['this is not json', /not JSON/],
        [JSON.stringify({ type: 'leasehold-offline-response', version: 1, response: 'x.y.z' }), /response file/],
        [requestFile('short', { nonce: 'short' }), /not a Leasehold activation request file/],
      ];
      for (const [request, message] of cases) {
        const refused = await me.post('/v1/portal/offline-activations', { request });
        assertProblem(refused, 400, 'VALIDATION_FAILED', String(request).slice(0, 20));
        assert.match(json(refused).detail, message);
      }
    });
  });
}
