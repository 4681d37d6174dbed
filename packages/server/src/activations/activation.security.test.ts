import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, type Harness } from '../testing/harness.ts';
import { assertEveryRouteListed, securityCases, type RouteCase } from '../testing/security.ts';

const machine = (method: RouteCase['method'], url: RouteCase['url'], body?: RouteCase['body']): RouteCase => ({ method, auth: 'machine', url, body });

/** Every machine API route (the first test checks none is missing). */
const MACHINE_ROUTES: RouteCase[] = [
  machine('POST', () => '/v1/activations', () => ({ product: DEMO.desktop.product, fingerprint: fingerprint('another-pc'), hostName: 'another-pc', platform: 'linux 6.8', appVersion: '1.0.0' })),
  machine('POST', (c) => `/v1/activations/${c.activationId}/check-in`, (c) => ({ fingerprint: c.fingerprint })),
  machine('POST', (c) => `/v1/activations/${c.activationId}/heartbeat`, (c) => ({ fingerprint: c.fingerprint })),
  machine('POST', (c) => `/v1/activations/${c.activationId}/validate`, (c) => ({ fingerprint: c.fingerprint })),
  machine('DELETE', (c) => `/v1/activations/${c.activationId}`, (c) => ({ fingerprint: c.fingerprint })),
  machine('POST', (c) => `/v1/activations/${c.activationId}/reset`, () => ({ reason: 'moved to a new computer' })),
  machine('POST', () => '/v1/offline/activations', () => ({
    type: 'leasehold-offline-request', version: 1, nonce: 'security-case-nonce-0001', createdAt: '2026-01-15T12:00:00.000Z',
    product: DEMO.desktop.product, fingerprint: fingerprint('air-gapped-pc'), hostName: 'air-gapped-pc', platform: 'linux 6.8', appVersion: '1.0.0',
  })),
];

for (const dialect of DIALECTS) {
  describe(`machine API: security (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    // GET /v1/products/:code/client-config is public by design (the SDK reads it before it has credentials).
    test('every machine route is in the security list', async () => {
      await assertEveryRouteListed(h, '/v1/activations', MACHINE_ROUTES);
      await assertEveryRouteListed(h, '/v1/offline', MACHINE_ROUTES);
    });

    securityCases(() => h, MACHINE_ROUTES);
  });
}
