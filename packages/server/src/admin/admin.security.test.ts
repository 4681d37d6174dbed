import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';
import { registerAccount } from '../testing/portal-fixtures.ts';
import { assertEveryRouteListed, assertProblem, securityCases, securityFixture, type RouteCase, type SecurityFixture } from '../testing/security.ts';
import { signInStaff } from '../testing/staff-fixtures.ts';

const admin = (method: RouteCase['method'], url: RouteCase['url'], body?: RouteCase['body']): RouteCase => ({ method, auth: 'admin', url, body });
const reason = () => ({ reason: 'security test' });

/** Every admin route (the first test checks none is missing), with a body that would be accepted: the refusals must come from the credentials alone. */
const ADMIN_ROUTES: RouteCase[] = [
  admin('GET', () => '/v1/admin/products'),
  admin('GET', (c) => `/v1/admin/products/${c.id}`),
  admin('POST', () => '/v1/admin/products', () => ({ code: 'sec-product', name: 'Security' })),
  admin('PATCH', (c) => `/v1/admin/products/${c.id}`, () => ({ name: 'Renamed' })),
  admin('GET', () => '/v1/admin/features'),
  admin('GET', (c) => `/v1/admin/features/${c.id}`),
  admin('POST', () => '/v1/admin/features', () => ({ product: DEMO.desktop.product, code: 'sec', name: { en: 'Sec' }, seatKind: 'machine' })),
  admin('PATCH', (c) => `/v1/admin/features/${c.id}`, () => ({ name: { en: 'Renamed' } })),
  admin('GET', () => '/v1/admin/policies'),
  admin('GET', (c) => `/v1/admin/policies/${c.id}`),
  admin('POST', () => '/v1/admin/policies', () => ({ product: DEMO.desktop.product, name: 'x', mode: 'node_locked', checkInIntervalSeconds: 60, leaseSeconds: 60, fingerprintTolerance: 0, minComponents: 1, resetLimit: 0, resetWindowSeconds: 60, heartbeatSeconds: 60, termDays: null })),
  admin('PATCH', (c) => `/v1/admin/policies/${c.id}`, () => ({ resetLimit: 5 })),
  admin('GET', () => '/v1/admin/plans'),
  admin('GET', (c) => `/v1/admin/plans/${c.id}`),
  admin('POST', () => '/v1/admin/plans', () => ({ product: DEMO.desktop.product, code: 'sec', name: { en: 'Sec' }, policyId: 'x', priceCents: 1, currency: 'CAD', period: 'month', slots: [{ feature: DEMO.desktop.feature, quantity: 1 }] })),
  admin('PATCH', (c) => `/v1/admin/plans/${c.id}`, () => ({ priceCents: 1 })),
  admin('POST', (c) => `/v1/admin/plans/${c.id}/upgrades`, () => ({ to: DEMO.engagement.plus })),
  admin('DELETE', (c) => `/v1/admin/plans/${c.id}/upgrades/${c.id}`),
  admin('POST', (c) => `/v1/admin/products/${c.id}/impact`, () => ({ name: 'Renamed' })),
  admin('POST', (c) => `/v1/admin/features/${c.id}/impact`, () => ({ name: { en: 'Renamed' } })),
  admin('POST', (c) => `/v1/admin/policies/${c.id}/impact`, () => ({ resetLimit: 5 })),
  admin('POST', (c) => `/v1/admin/plans/${c.id}/impact`, () => ({ priceCents: 1 })),
  admin('GET', () => '/v1/admin/customers?q=clinic'),
  admin('POST', () => '/v1/admin/customers', () => ({ name: 'Security Clinic' })),
  admin('GET', (c) => `/v1/admin/customers/${c.id}`),
  admin('PATCH', (c) => `/v1/admin/customers/${c.id}`, () => ({ name: 'Renamed' })),
  admin('POST', (c) => `/v1/admin/customers/${c.id}/suspend`),
  admin('POST', (c) => `/v1/admin/customers/${c.id}/resume`),
  admin('POST', (c) => `/v1/admin/customers/${c.id}/reissue-registration`),
  admin('POST', (c) => `/v1/admin/customers/${c.id}/licenses`, () => ({ plan: DEMO.desktop.plan })),
  admin('GET', (c) => `/v1/admin/customers/${c.id}/licenses`),
  admin('GET', (c) => `/v1/admin/customers/${c.id}/users`),
  admin('POST', (c) => `/v1/admin/customers/${c.id}/offline-activations`, () => ({ request: '{}' })),
  admin('GET', (c) => `/v1/admin/licenses/${c.licenseIds[0]}`),
  admin('POST', (c) => `/v1/admin/licenses/${c.licenseIds[0]}/suspend`, reason),
  admin('POST', (c) => `/v1/admin/licenses/${c.licenseIds[0]}/resume`, reason),
  admin('POST', (c) => `/v1/admin/licenses/${c.licenseIds[0]}/cancel`, reason),
  admin('POST', (c) => `/v1/admin/licenses/${c.licenseIds[1]}/change-plan`, () => ({ plan: DEMO.engagement.basic })),
  admin('GET', (c) => `/v1/admin/licenses/${c.licenseIds[1]}/change-plan/preview?plan=${DEMO.engagement.basic}`),
  admin('GET', (c) => `/v1/admin/customers/${c.id}/activations`),
  admin('GET', (c) => `/v1/admin/activations/${c.activationId}`),
  admin('POST', (c) => `/v1/admin/activations/${c.activationId}/reset`, reason),
  admin('GET', (c) => `/v1/admin/customers/${c.id}/resources`),
  admin('POST', (c) => `/v1/admin/customers/${c.id}/integration-keys`, () => ({ name: 'bridge' })),
  admin('GET', (c) => `/v1/admin/customers/${c.id}/integration-keys`),
  admin('POST', (c) => `/v1/admin/integration-keys/${c.id}/revoke`),
  admin('GET', () => '/v1/admin/events'),
  admin('GET', () => '/v1/admin/events.csv?type=license.issued'),
  admin('GET', () => '/v1/admin/event-types'),
  admin('POST', () => '/v1/admin/webhooks', () => ({ url: 'https://hooks.example.test/x', eventTypes: ['*'] })),
  admin('GET', () => '/v1/admin/webhooks'),
  admin('GET', (c) => `/v1/admin/webhooks/${c.id}`),
  admin('PATCH', (c) => `/v1/admin/webhooks/${c.id}`, () => ({ enabled: false })),
  admin('POST', (c) => `/v1/admin/webhooks/${c.id}/disable`),
  admin('DELETE', (c) => `/v1/admin/webhooks/${c.id}`),
  admin('GET', (c) => `/v1/admin/webhooks/${c.id}/deliveries`),
  admin('POST', (c) => `/v1/admin/webhooks/${c.id}/deliveries/${c.licenseIds[0]}/retry`),
  admin('POST', (c) => `/v1/admin/webhooks/${c.id}/test`),
  admin('GET', () => '/v1/admin/mail'),
  admin('POST', (c) => `/v1/admin/mail/${c.id}/retry`),
  admin('GET', (c) => `/v1/admin/customers/${c.id}/bill?period=2026-11`),
  admin('GET', () => '/v1/admin/billing/report?period=2026-11'),
  admin('GET', () => '/v1/admin/billing/report.csv?period=2026-11'),
  admin('GET', () => '/v1/admin/dashboard'),
  admin('GET', () => '/v1/admin/support-requests'),
  admin('POST', (c) => `/v1/admin/support-requests/${c.id}/close`),
  // Staff accounts: staff-admin.security.test.ts also refuses them to support and read_only staff.
  admin('GET', () => '/v1/admin/staff'),
  admin('POST', () => '/v1/admin/staff/invitations', () => ({ email: 'security@vendor.test', name: 'Security', role: 'support' })),
  admin('POST', (c) => `/v1/admin/staff/invitations/${c.id}/resend`),
  admin('DELETE', (c) => `/v1/admin/staff/invitations/${c.id}`),
  admin('PATCH', (c) => `/v1/admin/staff/${c.id}`, () => ({ role: 'support' })),
  admin('POST', (c) => `/v1/admin/staff/${c.id}/disable`),
  admin('POST', (c) => `/v1/admin/staff/${c.id}/enable`),
  admin('POST', (c) => `/v1/admin/staff/${c.id}/reset-totp`),
];

for (const dialect of DIALECTS) {
  describe(`admin API: security (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('every admin route is in the security list', () => assertEveryRouteListed(h, '/v1/admin/', ADMIN_ROUTES));

    test('a revoked admin key is refused everywhere', async () => {
      const now = h.clock.now();
      await h.database.db.updateTable('admin_api_keys').set({ revoked_at: now }).execute();
      try {
        assertProblem(await h.request({ method: 'GET', url: '/v1/admin/customers', headers: { authorization: `Bearer ${h.adminKey}` } }), 401, 'INVALID_CREDENTIALS', 'a revoked key');
      } finally {
        await h.database.db.updateTable('admin_api_keys').set({ revoked_at: null }).execute();
      }
    });

    test('customer credentials do not open the admin API', async () => {
      const c = json(await h.request({ method: 'POST', url: '/v1/admin/customers', headers: { authorization: `Bearer ${h.adminKey}` }, payload: { name: 'Not staff' } }));
      const basic = `Basic ${Buffer.from(`${c.registration.customerNumber}:${c.registration.registrationKey}`).toString('base64')}`;
      assertProblem(await h.request({ method: 'GET', url: '/v1/admin/customers', headers: { authorization: basic } }), 401, 'UNAUTHENTICATED', 'registration details on the admin API');
    });

    // The console's session reaches the same routes: a portal user's session opens none, and read_only changes nothing.
    const sendAs = (route: RouteCase, target: SecurityFixture, headers: Record<string, string>) => {
      const body = route.body?.(target);
      return h.request({ method: route.method, url: route.url(target), headers, ...(body === undefined ? {} : { payload: body as any }) });
    };

    test('a portal user\'s session opens no admin route', async () => {
      const target = await securityFixture(h);
      const portal = await registerAccount(h, target);
      for (const route of ADMIN_ROUTES) {
        assertProblem(await sendAs(route, target, { cookie: portal.cookie, 'x-csrf-token': portal.csrfToken }), 401, 'UNAUTHENTICATED', `${route.method} ${route.url(target)} with a portal session`);
      }
    });

    test('read-only staff are refused every change (and a change without the CSRF header is refused first)', async () => {
      const target = await securityFixture(h);
      const reader = await signInStaff(h, 'read_only');
      for (const route of ADMIN_ROUTES.filter((r) => r.method !== 'GET')) {
        const what = `${route.method} ${route.url(target)} as read_only`;
        assertProblem(await sendAs(route, target, { cookie: reader.cookie, 'x-csrf-token': reader.csrfToken }), 403, 'FORBIDDEN', what);
        assertProblem(await sendAs(route, target, { cookie: reader.cookie }), 403, 'CSRF_TOKEN_INVALID', `${what} without CSRF`);
      }
    });

    securityCases(() => h, ADMIN_ROUTES);
  });
}
