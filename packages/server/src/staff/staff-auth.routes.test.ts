import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO } from '../demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { PASSWORD, registerAccount } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';
import { createStaffUser } from './staff-auth.service.ts';
import type { StaffRole } from './staff.repository.ts';
import { totpCode } from './totp.ts';

interface StaffBrowser {
  cookie: string;
  csrfToken: string;
}

let made = 0;
const email = (role: string) => `${role}-${++made}-${Math.random().toString(36).slice(2, 7)}@vendor.test`;

function staffCookieOf(response: LightMyRequestResponse): string {
  const header = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('lh_staff='));
  assert.ok(header, `the answer sets the staff cookie: ${response.body}`);
  return header.split(';')[0];
}

for (const dialect of DIALECTS) {
  describe(`staff sign-in and sessions (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    async function staff(role: StaffRole) {
      const address = email(role);
      await createStaffUser(h.deps, { email: address, name: `Staff ${role}`, role, password: PASSWORD }, SYSTEM_ACTOR);
      return address;
    }
    const logon = (payload: Record<string, unknown>, ip = '10.1.0.1') => h.request({ method: 'POST', url: '/v1/staff/logon', payload, remoteAddress: ip });
    async function signIn(address: string, totp?: string): Promise<StaffBrowser> {
      const response = await logon({ email: address, password: PASSWORD, ...(totp ? { totp } : {}) });
      assert.equal(response.statusCode, 200, response.body);
      return { cookie: staffCookieOf(response), csrfToken: json(response).csrfToken };
    }
    const as = (b: StaffBrowser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, csrf = true) =>
      h.request({ method, url, payload: payload as any, headers: { cookie: b.cookie, ...(csrf ? { 'x-csrf-token': b.csrfToken } : {}) } });

    async function enrol(b: StaffBrowser): Promise<string> {
      const begun = json(await as(b, 'POST', '/v1/staff/totp'));
      assert.match(begun.otpauthUri, /^otpauth:\/\/totp\//);
      assertProblem(await as(b, 'POST', '/v1/staff/totp/confirm', { code: totpCode(begun.secret, h.clock.now() + 120_000) }), 401, 'INVALID_CREDENTIALS', 'a wrong enrolment code');
      const confirmed = await as(b, 'POST', '/v1/staff/totp/confirm', { code: totpCode(begun.secret, h.clock.now()) });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal(json(confirmed).totpEnabled, true);
      return begun.secret;
    }

    test('an owner signs in, reads the session, and the admin API answers the session', async () => {
      const b = await signIn(await staff('owner'));
      const session = json(await as(b, 'GET', '/v1/staff/session'));
      assert.equal(session.staff.role, 'owner');
      assert.equal((await as(b, 'GET', '/v1/admin/customers')).statusCode, 200);
      assert.equal((await as(b, 'GET', '/v1/admin/dashboard')).statusCode, 200);
    });

    test('TOTP: required once enrolled, right code accepted, wrong and replayed codes refused', async () => {
      const address = await staff('support');
      const secret = await enrol(await signIn(address));
      h.clock.advance(60_000);
      assertProblem(await logon({ email: address, password: PASSWORD }), 401, 'TOTP_REQUIRED', 'no code');
      assertProblem(await logon({ email: address, password: PASSWORD, totp: totpCode(secret, h.clock.now() - 90_000) }), 401, 'INVALID_CREDENTIALS', 'a code three steps old');
      const code = totpCode(secret, h.clock.now() - 30_000);
      assert.equal((await logon({ email: address, password: PASSWORD, totp: code })).statusCode, 200, 'one step behind is within the window');
      assertProblem(await logon({ email: address, password: PASSWORD, totp: code }), 401, 'INVALID_CREDENTIALS', 'the same code again');
      assertProblem(await logon({ email: address, password: 'wrong password!', totp: totpCode(secret, h.clock.now()) }), 401, 'INVALID_CREDENTIALS', 'a wrong password with a right code');
      assert.equal((await logon({ email: address, password: PASSWORD, totp: totpCode(secret, h.clock.now()) })).statusCode, 200);
    });

    test('failed sign-ins lock the email as portal log-ons do', async () => {
      const address = await staff('owner');
      for (let i = 0; i < 9; i++) assertProblem(await logon({ email: address, password: 'not the password' }, `10.2.0.${i}`), 401, 'INVALID_CREDENTIALS');
      assertProblem(await logon({ email: address, password: 'not the password' }, '10.2.1.1'), 429, 'LOGON_LOCKED', 'the tenth failure');
      assertProblem(await logon({ email: address, password: PASSWORD }, '10.2.1.2'), 429, 'LOGON_LOCKED', 'the right password while locked');
      h.clock.advance(16 * 60_000);
      assert.equal((await logon({ email: address, password: PASSWORD }, '10.2.1.3')).statusCode, 200);
    });

    test('roles: read_only reads only, support makes day-to-day changes, owner everything; CSRF on changes', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const owner = await signIn(await staff('owner'));
      const support = await signIn(await staff('support'));
      const reader = await signIn(await staff('read_only'));
      const suspend = `/v1/admin/licenses/${customer.licenseIds[0]}/suspend`;
      assert.equal((await as(reader, 'GET', `/v1/admin/customers/${customer.id}`)).statusCode, 200);
      assertProblem(await as(reader, 'POST', suspend, { reason: 'test' }), 403, 'FORBIDDEN', 'read_only suspends');
      assertProblem(await as(support, 'POST', suspend, { reason: 'test' }, false), 403, 'CSRF_TOKEN_INVALID', 'no CSRF header');
      assert.equal((await as(support, 'POST', suspend, { reason: 'test' })).statusCode, 200);
      assertProblem(await as(support, 'POST', `/v1/admin/customers/${customer.id}/suspend`), 403, 'FORBIDDEN', 'support suspends a customer');
      assert.equal((await as(owner, 'POST', `/v1/admin/customers/${customer.id}/suspend`)).statusCode, 200);
      const events = await h.database.db.selectFrom('events').select(['type', 'actor_type', 'actor_id']).where('subject_id', 'in', [customer.id, customer.licenseIds[0]]).execute();
      const suspended = events.find((e) => e.type === 'license.suspended');
      assert.equal(suspended?.actor_type, 'staff', JSON.stringify(events));
    });

    test('a portal user\'s session does not open the admin API; a logged-out staff session ends', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const portal = await registerAccount(h, customer, {});
      assertProblem(await h.request({ method: 'GET', url: '/v1/admin/customers', headers: { cookie: portal.cookie } }), 401, 'UNAUTHENTICATED', 'a portal session');
      assertProblem(await h.request({ method: 'GET', url: '/v1/staff/session', headers: { cookie: portal.cookie } }), 401, 'UNAUTHENTICATED', 'a portal session on staff routes');
      const b = await signIn(await staff('owner'));
      assert.equal((await as(b, 'POST', '/v1/staff/logout')).statusCode, 204);
      assertProblem(await as(b, 'GET', '/v1/admin/customers'), 401, 'UNAUTHENTICATED', 'after log-out');
    });
  });
}
