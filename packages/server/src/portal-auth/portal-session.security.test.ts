import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, type Harness } from '../testing/harness.ts';
import { browser, mailTo, PASSWORD, registerAccount, sessionOf, tokenInLink, type PortalSession } from '../testing/portal-fixtures.ts';
import { assertEveryRouteListed, assertProblem, customerSnapshot, securityCases, securityFixture, type RouteCase, type SecurityFixture } from '../testing/security.ts';

interface PortalFixture extends SecurityFixture {
  owner: PortalSession;
  /** An invitation not yet accepted. */
  pendingEmail: string;
  viewer: PortalSession;
  resourceId: string;
  assignmentId: string;
  plusLicenseId: string;
}

/** The default fixture, a provider assigned to Patient Messages, an owner's session and a viewer's. */
async function portalFixture(h: Harness, base: SecurityFixture): Promise<PortalFixture> {
  const reported = json(await h.request({
    method: 'PUT', url: '/v1/integration/resources', headers: { authorization: `Bearer ${base.integrationKey}` },
    payload: { resources: [{ kind: 'provider', externalId: 'p-1', name: 'Dr Security', reachable: true, synchronised: true }] },
  }));
  const resourceId = reported.resources[0].id;
  const owner = await registerAccount(h, base, { email: `owner-${base.id}@clinic.test` });
  const assigned = json(await browser(h, owner).post('/v1/account/assignments', { feature: DEMO.engagement.features.messages, resourceId }));
  const viewerEmail = `viewer-${base.id}@clinic.test`;
  const invited = await browser(h, owner).post('/v1/portal/invitations', { email: viewerEmail, role: 'viewer' });
  assert.equal(invited.statusCode, 201, invited.body);
  const token = tokenInLink((await mailTo(h, viewerEmail))[0].text_body, '/portal/accept-invitation');
  const accepted = await h.request({ method: 'POST', url: '/v1/portal/invitations/accept', payload: { token, name: 'Viewer', password: PASSWORD, locale: 'en' } });
  assert.equal(accepted.statusCode, 201, accepted.body);
  const pendingEmail = `pending-${base.id}@clinic.test`;
  assert.equal((await browser(h, owner).post('/v1/portal/invitations', { email: pendingEmail, role: 'admin' })).statusCode, 201);
  return { ...base, owner, pendingEmail, viewer: sessionOf(accepted), resourceId, assignmentId: assigned.assignment.assignmentId, plusLicenseId: base.licenseIds[1] };
}

const requestFile = (seed: string) => JSON.stringify({
  type: 'leasehold-offline-request', version: 1, product: DEMO.desktop.product, fingerprint: fingerprint(seed),
  hostName: `${seed}-pc`, platform: 'win32 10.0.19045', appVersion: '5.2.0', nonce: `nonce-${seed}-0123456789`, createdAt: '2026-01-15T11:58:00.000Z',
});

const route = (method: RouteCase['method'], url: (f: PortalFixture) => string, body?: (f: PortalFixture) => unknown, extra: Partial<RouteCase<PortalFixture>> = {}): RouteCase<PortalFixture> =>
  ({ method, auth: 'account', url, body, ...extra });

const accountRoutes: RouteCase<PortalFixture>[] = [
  route('GET', () => '/v1/account'),
  route('GET', () => '/v1/account/licenses'),
  route('GET', () => '/v1/account/plans'),
  route('GET', () => '/v1/account/pools'),
  route('GET', () => '/v1/account/resources'),
  route('GET', () => '/v1/account/bill'),
  route('GET', () => '/v1/account/events'),
  route('POST', () => '/v1/account/assignments', (f) => ({ feature: DEMO.engagement.features.messages, resourceId: f.resourceId })),
  route('DELETE', (f) => `/v1/account/assignments/${f.assignmentId}`),
  route('DELETE', (f) => `/v1/account/assignments/${f.activationId}`, undefined, { name: 'DELETE /v1/account/assignments/:activationId (RESET LICENSE)' }),
  route('POST', () => '/v1/account/licenses', () => ({ plan: DEMO.engagement.basic, dryRun: true })),
  route('POST', (f) => `/v1/account/licenses/${f.plusLicenseId}/upgrade`, () => ({ toPlan: DEMO.engagement.basic, dryRun: true })),
  route('POST', (f) => `/v1/account/licenses/${f.plusLicenseId}/remove`, () => ({ dryRun: true })),
  route('DELETE', (f) => `/v1/account/licenses/${f.plusLicenseId}`, () => ({ dryRun: true })),
];

// Suspension stops license changes; the account itself (profile, users, log-out) keeps working so the customer can reach support.
const open = { refusesSuspended: false };
const portalRoutes: RouteCase<PortalFixture>[] = [
  route('GET', () => '/v1/portal/session'),
  route('PATCH', () => '/v1/portal/me', () => ({ locale: 'fr' }), open),
  route('GET', () => '/v1/portal/users'),
  route('POST', () => '/v1/portal/invitations', () => ({ email: 'new-colleague@clinic.test', role: 'viewer' }), open),
  route('POST', (f) => `/v1/portal/invitations/${f.pendingEmail}/resend`, () => ({}), open),
  route('PATCH', (f) => `/v1/portal/users/${f.viewer.user.id}`, () => ({ role: 'admin' }), open),
  route('DELETE', (f) => `/v1/portal/users/${f.viewer.user.id}`, undefined, open),
  route('POST', () => '/v1/portal/offline-activations', () => ({ request: requestFile('air-gapped') })),
  route('POST', () => '/v1/portal/logout', undefined, open),
];

/** Open to everyone (they start a session or answer the same to anyone); tested in their own files. */
const publicRoutes: RouteCase<PortalFixture>[] = [
  '/v1/portal/logon/registration', '/v1/portal/register', '/v1/portal/logon', '/v1/portal/password-reset', '/v1/portal/password-reset/confirm',
  '/v1/portal/recover-registration', '/v1/portal/recover-registration/confirm', '/v1/portal/invitations/accept', '/v1/portal/support-requests',
].map((url) => route('POST', () => url));

const sessionOfFixture = (f: PortalFixture) => ({ cookie: f.owner.cookie, 'x-csrf-token': f.owner.csrfToken });

for (const dialect of DIALECTS) {
  describe(`client portal sessions: security (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    describe('the portal API', () => {
      securityCases(() => h, portalRoutes, { fixture: portalFixture, credentials: { account: sessionOfFixture } });
    });

    test('every documented /v1/portal route is listed here', async () => {
      await assertEveryRouteListed(h, '/v1/portal', [...portalRoutes, ...publicRoutes]);
      await assertEveryRouteListed(h, '/v1/account', accountRoutes);
    });

    test('every change made with a session needs its own CSRF token: missing or another session\'s → 403 CSRF_TOKEN_INVALID, nothing changed', async () => {
      const caller = await portalFixture(h, await securityFixture(h));
      const other = await portalFixture(h, await securityFixture(h));
      const changes = [...accountRoutes, ...portalRoutes].filter((r) => r.method !== 'GET');
      assert.ok(changes.length >= 10);
      for (const change of changes) {
        const before = await customerSnapshot(h, caller.id);
        for (const csrf of [undefined, other.owner.csrfToken, '']) {
          const headers: Record<string, string> = { cookie: caller.owner.cookie };
          if (csrf !== undefined) headers['x-csrf-token'] = csrf;
          const body = change.body?.(caller);
          const response = await h.request({ method: change.method, url: change.url(caller), headers, ...(body === undefined ? {} : { payload: body as object }) });
          assertProblem(response, 403, 'CSRF_TOKEN_INVALID', `${change.method} ${change.url(caller)} with ${csrf === undefined ? 'no' : 'a wrong'} CSRF token`);
        }
        assert.deepEqual(await customerSnapshot(h, caller.id), before, `${change.method} ${change.url(caller)} changed nothing`);
      }
    });

    test('a viewer reads the account and changes nothing but their own profile', async () => {
      const f = await portalFixture(h, await securityFixture(h));
      const viewer = browser(h, f.viewer);
      for (const read of accountRoutes.filter((r) => r.method === 'GET')) {
        assert.equal((await viewer.get(read.url(f))).statusCode, 200, `a viewer reads ${read.url(f)}`);
      }
      const before = await customerSnapshot(h, f.id);
      const refused = [...accountRoutes, ...portalRoutes].filter((r) => r.method !== 'GET' && !/\/(me|logout)$/.test(r.url(f)));
      for (const change of refused) {
        const body = change.body?.(f);
        const response = await h.request({
          method: change.method, url: change.url(f), headers: { cookie: f.viewer.cookie, 'x-csrf-token': f.viewer.csrfToken }, ...(body === undefined ? {} : { payload: body as object }),
        });
        assertProblem(response, 403, 'FORBIDDEN', `a viewer's ${change.method} ${change.url(f)}`);
      }
      assert.deepEqual(await customerSnapshot(h, f.id), before, 'nothing changed');
      assert.equal((await viewer.patch('/v1/portal/me', { name: 'Still a viewer' })).statusCode, 200);
      assert.equal((await viewer.post('/v1/portal/logout')).statusCode, 204);
    });

    test('a session of one customer with another customer\'s registration details still acts as the session\'s customer', async () => {
      const a = await portalFixture(h, await securityFixture(h));
      const b = await portalFixture(h, await securityFixture(h));
      const response = await h.request({ method: 'GET', url: '/v1/account', headers: { cookie: a.owner.cookie, authorization: b.basic } });
      assert.equal(json(response).id, a.id);
    });
  });
}
