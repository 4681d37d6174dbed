import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness } from '../testing/harness.ts';

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
      assert.match(response.body, /^# TYPE leasehold_http_request_duration_seconds histogram$/m);
      const count = Number(/^leasehold_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} (\d+)$/m.exec(response.body)?.[1]);
      const inf = Number(/^leasehold_http_request_duration_seconds_bucket\{method="GET",route="\/healthz",status="200",le="\+Inf"\} (\d+)$/m.exec(response.body)?.[1]);
      assert.ok(count >= 1, response.body);
      assert.equal(inf, count, 'the +Inf bucket counts every request');
    });

    test('metrics count the machine API\'s answers by route and code', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan]);
      const post = (url: string, payload: object) => h.request({ method: 'POST', url, headers: { authorization: c.basic }, payload });
      const activated = json(await post('/v1/activations', { product: DEMO.desktop.product, fingerprint: fingerprint('metrics'), hostName: 'metrics-pc', platform: 'linux', appVersion: '1' }));
      assert.equal(activated.code, 'VALID');
      const validate = `/v1/activations/${activated.activation.id}/validate`;
      assert.equal(json(await post(validate, { fingerprint: fingerprint('metrics') })).code, 'VALID');
      assert.equal(json(await post(validate, { fingerprint: fingerprint('metrics') })).code, 'VALID');
      assert.equal(json(await post(validate, { fingerprint: fingerprint('another computer') })).code, 'FINGERPRINT_MISMATCH');
      assert.equal(json(await post('/v1/activations/01a20dd8-1a07-7108-8e5e-5a46f078963b/validate', {})).code, 'NOT_FOUND');
      const body = (await h.request({ method: 'GET', url: '/metrics' })).body;
      const answers = (route: string, code: string) => Number(new RegExp(`^leasehold_machine_answers_total\\{route="${route}",code="${code}"\\} (\\d+)$`, 'm').exec(body)?.[1] ?? 0);
      assert.equal(answers('/v1/activations', 'VALID'), 1, body);
      assert.equal(answers('/v1/activations/:id/validate', 'VALID'), 2);
      assert.equal(answers('/v1/activations/:id/validate', 'FINGERPRINT_MISMATCH'), 1);
      assert.equal(answers('/v1/activations/:id/validate', 'NOT_FOUND'), 1);
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

    test('the JWKS publishes the signing keys in use with their certificates, the root key, and never a private part', async () => {
      const jwks = json(await h.request({ method: 'GET', url: '/.well-known/jwks.json' }));
      assert.deepEqual(Object.keys(jwks).sort(), ['keys', 'leasehold_retired', 'leasehold_root']);
      assert.ok(jwks.keys.length >= 1);
      for (const key of jwks.keys) {
        assert.deepEqual(Object.keys(key).sort(), ['alg', 'crv', 'kid', 'kty', 'leasehold_cert', 'use', 'x']);
        assert.equal(key.alg, 'EdDSA');
      }
      assert.deepEqual(Object.keys(jwks.leasehold_root).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
      assert.doesNotMatch(JSON.stringify(jwks), /"d"/);
    });
  });
}
