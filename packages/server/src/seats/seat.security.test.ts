import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';
import { browser } from '../testing/portal-fixtures.ts';
import { assertEveryRouteListed, securityCases, type RouteCase, type SecurityFixture } from '../testing/security.ts';

interface SeatFixture extends SecurityFixture {
  resourceId: string;
  assignmentId: string;
  plusLicenseId: string;
}

/** The default fixture (with an owner's session) plus a provider reported by the integration and assigned to Patient Messages. */
async function seatFixture(h: Harness, base: SecurityFixture): Promise<SeatFixture> {
  const reported = json(await h.request({
    method: 'PUT', url: '/v1/integration/resources', headers: { authorization: `Bearer ${base.integrationKey}` },
    payload: { resources: [{ kind: 'provider', externalId: 'p-1', name: 'Dr Security', reachable: true, synchronised: true }] },
  }));
  const resourceId = reported.resources[0].id;
  const assigned = json(await browser(h, base.session!).post('/v1/account/assignments', { feature: DEMO.engagement.features.messages, resourceId }));
  return { ...base, resourceId, assignmentId: assigned.assignment.assignmentId, plusLicenseId: base.licenseIds[1] };
}

const account = (method: RouteCase['method'], url: (f: SeatFixture) => string, body?: (f: SeatFixture) => unknown, name?: string): RouteCase<SeatFixture> =>
  ({ method, auth: 'account', url, body, name });

const seatRoutes: RouteCase<SeatFixture>[] = [
  account('GET', () => '/v1/account'),
  account('GET', () => '/v1/account/licenses'),
  account('GET', () => '/v1/account/plans'),
  account('GET', () => '/v1/account/pools'),
  account('GET', () => '/v1/account/resources'),
  account('GET', () => '/v1/account/bill'),
  account('GET', () => '/v1/account/events'),
  account('POST', () => '/v1/account/assignments', (f) => ({ feature: DEMO.engagement.features.messages, resourceId: f.resourceId })),
  account('DELETE', (f) => `/v1/account/assignments/${f.assignmentId}`),
  account('DELETE', (f) => `/v1/account/assignments/${f.activationId}`, undefined, 'DELETE /v1/account/assignments/:activationId (RESET LICENSE)'),
  account('POST', () => '/v1/account/licenses', () => ({ plan: DEMO.engagement.basic, dryRun: true })),
  account('POST', (f) => `/v1/account/licenses/${f.plusLicenseId}/upgrade`, () => ({ toPlan: DEMO.engagement.basic, dryRun: true })),
  account('POST', (f) => `/v1/account/licenses/${f.plusLicenseId}/remove`, () => ({ dryRun: true })),
  account('DELETE', (f) => `/v1/account/licenses/${f.plusLicenseId}`, () => ({ dryRun: true })),
];

const integrationRoutes: RouteCase<SeatFixture>[] = [
  {
    method: 'PUT', auth: 'integration', url: () => '/v1/integration/resources',
    body: () => ({ resources: [{ kind: 'schedule', externalId: 's-1', name: 'Room 1', reachable: true, synchronised: false }] }),
  },
  { method: 'GET', auth: 'integration', url: () => '/v1/integration/resources' },
];

for (const dialect of DIALECTS) {
  describe(`seat-management and integration routes: security (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    securityCases(() => h, [...seatRoutes, ...integrationRoutes], { fixture: seatFixture });

    test('every documented /v1/account and /v1/integration route has its security cases', async () => {
      await assertEveryRouteListed(h, '/v1/account', seatRoutes);
      await assertEveryRouteListed(h, '/v1/integration', integrationRoutes);
    });
  });
}
