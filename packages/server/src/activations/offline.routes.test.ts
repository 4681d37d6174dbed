import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPublicKey, verify } from 'node:crypto';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';

const requestFile = (seed: string, overrides: Record<string, unknown> = {}) => ({
  type: 'leasehold-offline-request',
  version: 1,
  product: DEMO.desktop.product,
  fingerprint: fingerprint(seed),
  hostName: `${seed}-pc`,
  platform: 'win32 10.0.19045',
  appVersion: '5.2.0',
  nonce: `nonce-${seed}-0123456789`,
  createdAt: '2026-01-15T11:58:00.000Z',
  ...overrides,
});

const decode = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString());

for (const dialect of DIALECTS) {
  describe(`air-gapped activation (${dialect})`, () => {
    let h: Harness;
    let customer: TestCustomer;
    before(async () => {
      h = await createHarness(dialect);
      customer = await seedCustomer(h, [DEMO.desktop.plan]);
    });
    after(() => h.close());

    const post = (payload: object, authorization?: string) =>
      h.request({ method: 'POST', url: '/v1/offline/activations', payload, headers: authorization ? { authorization } : {} });

    test('a request file becomes a response file signed by a published key, bound to the request\'s nonce', async () => {
      const answer = json(await post(requestFile('vault'), customer.basic));
      assert.equal(answer.valid, true);
      assert.equal(answer.code, 'VALID');
      const file = answer.responseFile;
      assert.equal(file.type, 'leasehold-offline-response');
      const [header, payload, signature] = file.response.split('.');
      const { kid, typ } = JSON.parse(Buffer.from(header, 'base64url').toString());
      assert.equal(typ, 'leasehold-offline-response+jwt');
      const jwk = json(await h.request({ method: 'GET', url: '/.well-known/jwks.json' })).keys.find((k: any) => k.kid === kid);
      assert.equal(verify(null, Buffer.from(`${header}.${payload}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url')), true);
      const claims = decode(file.response);
      assert.equal(claims.nonce, 'nonce-vault-0123456789');
      assert.equal(claims.activation.hostName, 'vault-pc');
      const lease = decode(claims.lease);
      assert.equal(lease.sub, claims.activation.id);
      assert.deepEqual(lease.fp, fingerprint('vault'));
    });

    test('the same computer asking again keeps its seat; another computer finds none and gets no response file', async () => {
      const first = json(await post(requestFile('renew'), (await seedCustomer(h, [DEMO.desktop.plan])).basic));
      assert.equal(first.valid, true);
      const c = await seedCustomer(h, [DEMO.desktop.plan]);
      const a = json(await post(requestFile('site-a'), c.basic));
      const again = json(await post(requestFile('site-a', { nonce: 'a-second-request-nonce' }), c.basic));
      assert.equal(again.reactivated, true);
      assert.equal(again.activation.id, a.activation.id);
      assert.equal(decode(again.responseFile.response).nonce, 'a-second-request-nonce');
      const other = json(await post(requestFile('site-b'), c.basic));
      assert.equal(other.code, 'NO_FREE_SEAT');
      assert.equal(other.responseFile, undefined);
      assert.deepEqual(other.holders.map((x: any) => x.hostName), ['site-a-pc']);
    });

    test('the request file is checked: wrong type, short nonce, no credentials', async () => {
      const wrongType = await post(requestFile('bad', { type: 'leasehold-offline-response' }), customer.basic);
      assert.equal(wrongType.statusCode, 400);
      assert.equal(json(wrongType).code, 'VALIDATION_FAILED');
      const shortNonce = await post(requestFile('bad', { nonce: 'short' }), customer.basic);
      assert.equal(json(shortNonce).code, 'VALIDATION_FAILED');
      const anonymous = await post(requestFile('bad'));
      assert.equal(anonymous.statusCode, 401);
      assert.equal(json(anonymous).code, 'UNAUTHENTICATED');
    });
  });
}
