import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';

for (const dialect of DIALECTS) {
  describe(`client configuration (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('publishes the product\'s fingerprint salt and the key set URL without credentials', async () => {
      const response = await h.request({ method: 'GET', url: `/v1/products/${DEMO.desktop.product}/client-config` });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(json(response), {
        product: DEMO.desktop.product,
        fingerprintSalt: h.catalog.desktop.fingerprintSalt,
        jwksUrl: 'http://leasehold.test/.well-known/jwks.json',
      });
      assert.match(String(response.headers['cache-control']), /max-age/);
    });

    test('each product has its own salt', async () => {
      const other = json(await h.request({ method: 'GET', url: `/v1/products/${DEMO.engagement.product}/client-config` }));
      assert.notEqual(other.fingerprintSalt, h.catalog.desktop.fingerprintSalt);
    });

    test('an unknown product, or a product id instead of its code, is 404 NOT_FOUND', async () => {
      for (const code of ['no-such-product', h.catalog.desktop.id]) {
        const response = await h.request({ method: 'GET', url: `/v1/products/${code}/client-config` });
        assert.equal(response.statusCode, 404);
        assert.equal(json(response).code, 'NOT_FOUND');
      }
    });
  });
}
