import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';

for (const dialect of DIALECTS) {
  describe(`errors are problem+json with a stable code (${dialect})`, () => {
    let h: Harness;
    let customer: TestCustomer;
    before(async () => {
      h = await createHarness(dialect);
      customer = await seedCustomer(h, [DEMO.desktop.plan]);
    });
    after(() => h.close());

    const cases: { name: string; request: () => Parameters<Harness['request']>[0]; status: number; code: string; check?: (body: any) => void }[] = [
      { name: 'unknown route', request: () => ({ method: 'GET', url: '/v1/nothing-here' }), status: 404, code: 'ROUTE_NOT_FOUND' },
      { name: 'no credentials', request: () => ({ method: 'POST', url: '/v1/activations', payload: {} }), status: 401, code: 'UNAUTHENTICATED' },
      {
        name: 'wrong registration key',
        request: () => ({ method: 'POST', url: '/v1/activations', payload: {}, headers: { authorization: `Basic ${Buffer.from(`${customer.registration.customerNumber}:WRONG-KEY00-00000-00000`).toString('base64')}` } }),
        status: 401, code: 'INVALID_CREDENTIALS',
      },
      {
        name: 'malformed JSON',
        request: () => ({ method: 'POST', url: '/v1/activations', body: '{"product": ', headers: { authorization: customer.basic, 'content-type': 'application/json' } }),
        status: 400, code: 'MALFORMED_JSON',
      },
      ...[
        '{"fingerprint": {"__proto__": {"polluted": true}}}',
        '{"\\u005f_proto__": {"polluted": true}}',
        '{"constructor": {"prototype": {"polluted": true}}}',
        '{"c\\u006fnstructor": {"prototype": {"polluted": true}}}',
        '',
        '\ufeff{"product": "x"',
      ].map((body) => ({
        name: `a poisoned or broken body is refused: ${JSON.stringify(body)}`,
        request: () => ({ method: 'POST', url: '/v1/activations', body, headers: { authorization: customer.basic, 'content-type': 'application/json' } }) as Parameters<Harness['request']>[0],
        status: 400, code: 'MALFORMED_JSON',
      })),
      {
        name: 'missing and invalid fields, each named',
        request: () => ({ method: 'POST', url: '/v1/activations', payload: { product: '', fingerprint: { 'bad name!': 'x' } }, headers: { authorization: customer.basic } }),
        status: 400, code: 'VALIDATION_FAILED',
        check: (body) => {
          const fields = body.errors.map((e: any) => e.field);
          assert.ok(fields.includes('body.product'), fields.join());
          assert.ok(fields.includes('body.hostName'), fields.join());
        },
      },
      {
        name: 'body over the size limit',
        request: () => ({ method: 'POST', url: '/v1/activations', payload: { product: 'x'.repeat(70_000) }, headers: { authorization: customer.basic } }),
        status: 413, code: 'PAYLOAD_TOO_LARGE',
      },
      {
        name: 'unknown activation',
        request: () => ({ method: 'POST', url: '/v1/activations/0190a000-0000-7000-8000-000000000000/check-in', payload: { fingerprint: fingerprint('x') }, headers: { authorization: customer.basic } }),
        status: 404, code: 'NOT_FOUND',
      },
      {
        name: 'unknown product',
        request: () => ({ method: 'POST', url: '/v1/activations', payload: { product: 'nope', fingerprint: fingerprint('x'), hostName: 'h', platform: 'p', appVersion: '1' }, headers: { authorization: customer.basic } }),
        status: 404, code: 'NOT_FOUND',
      },
      {
        name: 'a feature of another seat kind',
        request: () => ({ method: 'POST', url: '/v1/activations', payload: { product: DEMO.engagement.product, feature: DEMO.engagement.features.messages, fingerprint: fingerprint('x'), hostName: 'h', platform: 'p', appVersion: '1' }, headers: { authorization: customer.basic } }),
        status: 409, code: 'SEAT_KIND_MISMATCH',
      },
    ];

    for (const c of cases) {
      test(c.name, async () => {
        const response = await h.request(c.request());
        assert.equal(response.statusCode, c.status, response.body);
        assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
        const body = json(response);
        assert.equal(body.code, c.code);
        assert.equal(body.status, c.status);
        assert.ok(body.title && body.type && body.detail.length > 10);
        assert.equal(JSON.stringify(body).includes('    at '), false, 'no stack trace');
        c.check?.(body);
      });
    }

    test('garbage in every field never gives a 500', async () => {
      const bodies = [null, [], 'text', 42, { product: 1 }, { fingerprint: [] }, { fingerprint: { a: 1 } }, { hostName: {} }];
      for (const payload of bodies) {
        const response = await h.request({ method: 'POST', url: '/v1/activations', payload: payload as any, headers: { authorization: customer.basic, 'content-type': 'application/json' } });
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${JSON.stringify(payload)} → ${response.statusCode} ${response.body}`);
      }
    });
  });
}
