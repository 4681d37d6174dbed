import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { registerAccount } from '../testing/portal-fixtures.ts';
import { assertEveryRouteListed, assertProblem, type RouteCase } from '../testing/security.ts';
import { asStaff, signInStaff, type StaffSessionFixture } from '../testing/staff-fixtures.ts';
import { OWNER_ONLY_PREFIX, SUPPORT_CHANGES } from './staff-roles.ts';

interface Targets {
  staffId: string;
  invited: string;
}

type Method = RouteCase['method'];

/** Every staff-management route, with a body an owner would get through with. */
const STAFF_ROUTES: [Method, (t: Targets) => string, unknown?][] = [
  ['GET', () => '/v1/admin/staff'],
  ['POST', () => '/v1/admin/staff/invitations', { email: 'newcomer@vendor.test', name: 'Newcomer', role: 'owner' }],
  ['POST', (t) => `/v1/admin/staff/invitations/${t.invited}/resend`],
  ['DELETE', (t) => `/v1/admin/staff/invitations/${t.invited}`],
  ['PATCH', (t) => `/v1/admin/staff/${t.staffId}`, { role: 'owner' }],
  ['POST', (t) => `/v1/admin/staff/${t.staffId}/disable`],
  ['POST', (t) => `/v1/admin/staff/${t.staffId}/enable`],
  ['POST', (t) => `/v1/admin/staff/${t.staffId}/reset-totp`],
];

for (const dialect of DIALECTS) {
  describe(`staff management: owners only (${dialect})`, () => {
    let h: Harness;
    let targets: Targets;
    let callers: Record<'support' | 'read_only' | 'logged out owner', StaffSessionFixture>;
    let portalCookie: string;
    before(async () => {
      h = await createHarness(dialect);
      const owner = await signInStaff(h, 'owner');
      const target = await signInStaff(h, 'support');
      targets = { staffId: target.staffId, invited: 'invited@vendor.test' };
      assert.equal((await asStaff(h, owner)('POST', '/v1/admin/staff/invitations', { email: targets.invited, name: 'Invited', role: 'support' })).statusCode, 201);
      const loggedOut = await signInStaff(h, 'owner');
      assert.equal((await asStaff(h, loggedOut)('POST', '/v1/staff/logout')).statusCode, 204);
      callers = { support: await signInStaff(h, 'support'), read_only: await signInStaff(h, 'read_only'), 'logged out owner': loggedOut };
      portalCookie = (await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]), { name: 'Clinic Owner' })).cookie;
    });
    after(() => h.close());

    const snapshot = async () => JSON.stringify([
      await h.database.db.selectFrom('staff_users').selectAll().orderBy('id').execute(),
      await h.database.db.selectFrom('email_tokens').selectAll().orderBy('token_hash').execute(),
    ]);
    const send = (method: Method, url: string, body: unknown, headers: Record<string, string>): Promise<LightMyRequestResponse> =>
      h.request({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });

    test('every staff-management route is listed here', () =>
      assertEveryRouteListed(h, OWNER_ONLY_PREFIX, STAFF_ROUTES.map(([method, url]) => ({ method, auth: 'admin', url: (c) => url({ staffId: c.id, invited: c.id }) }))));

    for (const [method, url, body] of STAFF_ROUTES) {
      const name = `${method} ${url({ staffId: ':id', invited: ':email' })}`;
      test(`${name}: refused without a session, with a portal user's, an ended one, and to support and read_only staff`, async () => {
        const before = await snapshot();
        const target = url(targets);
        assertProblem(await send(method, target, body, {}), 401, 'UNAUTHENTICATED', 'no credentials');
        assertProblem(await send(method, target, body, { cookie: portalCookie, 'x-csrf-token': 'x' }), 401, 'UNAUTHENTICATED', 'a portal user\'s session');
        assertProblem(await asStaff(h, callers['logged out owner'])(method, target, body), 401, 'UNAUTHENTICATED', 'an ended owner session');
        for (const role of ['support', 'read_only'] as const) {
          const refused = await asStaff(h, callers[role])(method, target, body);
          assertProblem(refused, 403, 'FORBIDDEN', `a ${role} staff member`);
          assert.match(json(refused).detail, /Only an owner/);
        }
        assert.equal(await snapshot(), before, 'no staff account or invitation changed');
      });
    }

    test('every change support may make is a route of the app (a renamed route would close it silently)', async () => {
      const doc = json(await h.request({ method: 'GET', url: '/openapi.json' }));
      const routes = new Set(Object.entries(doc.paths as Record<string, object>)
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)));
      assert.deepEqual(SUPPORT_CHANGES.filter((route) => !routes.has(route)), []);
    });
  });
}
