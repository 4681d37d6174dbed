import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';

for (const dialect of DIALECTS) {
  describe(`operations endpoints (${dialect})`, () => {
    let h: Harness;
    before(async () => { h = await createHarness(dialect); });
    after(() => h.close());

    test('healthz and readyz answer, readyz naming the database', async () => {
      assert.deepEqual(json(await h.request({ method: 'GET', url: '/healthz' })), { status: 'ok' });
      assert.deepEqual(json(await h.request({ method: 'GET', url: '/readyz' })), { status: 'ready', database: dialect });
    });

    test('metrics are Prometheus text with request durations', async () => {
      await h.request({ method: 'GET', url: '/healthz' });
      const response = await h.request({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /text\/plain/);
      assert.match(response.body, /leasehold_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
    });

    test('the OpenAPI 3.1 document is generated from the route schemas, and /docs serves the explorer', async () => {
      const doc = json(await h.request({ method: 'GET', url: '/openapi.json' }));
      assert.equal(doc.openapi, '3.1.0');
      const activate = doc.paths['/v1/activations'].post;
      assert.ok(activate.requestBody.content['application/json'].schema.properties.fingerprint, 'the body schema comes from zod');
      assert.ok(activate.responses['200'], 'answers are documented');
      assert.ok(doc.components.securitySchemes.registration);
      assert.equal(doc.paths['/metrics'], undefined, 'operational endpoints stay out of the API document');
      const docs = await h.request({ method: 'GET', url: '/docs/' });
      assert.equal(docs.statusCode, 200);
      assert.match(docs.body, /swagger/i);
    });

    test('the JWKS publishes every signing key and never a private part', async () => {
      const jwks = json(await h.request({ method: 'GET', url: '/.well-known/jwks.json' }));
      assert.ok(jwks.keys.length >= 1);
      for (const key of jwks.keys) {
        assert.deepEqual(Object.keys(key).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
        assert.equal(key.alg, 'EdDSA');
      }
    });
  });
}
