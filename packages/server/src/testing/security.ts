/**
 * The security cases every route must pass, written once and applied to every route (STYLE.md 7).
 *
 *   for (const dialect of DIALECTS) {
 *     describe(`seat routes: security (${dialect})`, () => {
 *       let h: Harness;
 *       before(async () => { h = await createHarness(dialect); });
 *       after(() => h.close());
 *       securityCases(() => h, [
 *         { method: 'GET', auth: 'account', url: () => '/v1/account/licenses' },
 *         { method: 'DELETE', auth: 'account', url: (c) => `/v1/account/assignments/${c.activationId}` },
 *       ], { fixture: async (h, base) => ({ ...base, providerId: await reportProvider(h, base) }) });
 *     });
 *   }
 *
 * For each route the helper makes two fresh customers, the caller and a victim (SecurityFixture; the
 * `fixture` option adds what your routes need, `credentials` changes how a customer signs in), and checks:
 * - no credentials: 401 UNAUTHENTICATED; wrong credentials: 401 INVALID_CREDENTIALS (for `account`
 *   routes, a session cookie naming no session: 401 UNAUTHENTICATED);
 * - `account` routes (the client portal's and the seat-management API, a person's session): the
 *   app's credentials, registration details or a license key, get 401 PORTAL_SESSION_REQUIRED and
 *   change nothing;
 * - routes that name a customer's data (`url`/`body` differ between caller and victim): the caller
 *   naming the victim's ids gets 404 NOT_FOUND, and every row of the victim is unchanged;
 * - the caller's own answer names nothing of the victim's;
 * - a suspended caller is refused: 403 CUSTOMER_SUSPENDED, or for the machine API a 200 answer
 *   `{ valid: false, code: 'CUSTOMER_SUSPENDED' }`. Reads (GET) of the account and integration
 *   APIs stay open; set `refusesSuspended` to say otherwise.
 * Admin routes get the credential cases only: an admin key reaches every customer by design.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { setCustomerStatus } from '../customers/customer.service.ts';
import { DEMO } from '../demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { createIntegrationKey } from '../integration-keys/integration-key.service.ts';
import { fingerprint, json, seedCustomer, type Harness, type TestCustomer } from './harness.ts';
import { registerAccount, type PortalSession } from './portal-fixtures.ts';

export type AuthKind = 'admin' | 'machine' | 'integration' | 'account';
type Headers = Record<string, string>;

/** One customer as the security cases see it: registration details, licenses, one activated computer, an integration key. */
export interface SecurityFixture extends TestCustomer {
  activationId: string;
  /** The fingerprint the computer activated with, for check-in bodies. */
  fingerprint: Record<string, string>;
  integrationKey: string;
  /** An owner's client portal session: the default credentials of `account` routes, made when some route needs it. */
  session?: PortalSession;
}

export interface RouteCase<F extends SecurityFixture = SecurityFixture> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  auth: AuthKind;
  /** The URL naming `target`'s data; the helper passes the caller's fixture, then the victim's. */
  url: (target: F) => string;
  body?: (target: F) => unknown;
  /** Shown in the test names; by default the method and the URL with `:placeholders`. */
  name?: string;
  /** Whether a suspended customer must be refused. Default: always for the machine API, for changes (not GET) otherwise. */
  refusesSuspended?: boolean;
}

export interface SecurityOptions<F extends SecurityFixture> {
  /** Adds what the routes need to the default fixture (e.g. an assigned provider). */
  fixture?: (h: Harness, base: SecurityFixture) => Promise<F>;
  /** Valid credentials of a fixture's customer per kind, when not the defaults (Basic registration details; the integration key). */
  credentials?: Partial<Record<AuthKind, (target: F, h: Harness) => Headers>>;
  /** Credentials of the right shape that were never issued, when not the defaults (an unknown key of the kind). */
  wrongCredentials?: Partial<Record<AuthKind, (target: F) => Headers[]>>;
  /** What wrong credentials get, when not the kind's default: INVALID_CREDENTIALS, or UNAUTHENTICATED for a session cookie naming no session (it ended). */
  wrongCredentialsCode?: 'INVALID_CREDENTIALS' | 'UNAUTHENTICATED';
}

const defaultCredentials: Record<AuthKind, (target: SecurityFixture, h: Harness) => Headers> = {
  admin: (_t, h) => ({ authorization: `Bearer ${h.adminKey}` }),
  machine: (t) => ({ authorization: t.basic }),
  account: (t) => {
    if (!t.session) throw new Error('the fixture has no portal session: pass credentials.account, or let securityCases make one');
    return { cookie: t.session.cookie, 'x-csrf-token': t.session.csrfToken };
  },
  integration: (t) => ({ authorization: `Bearer ${t.integrationKey}` }),
};

/** Credentials of the right shape that the server has never issued. */
function wrongCredentials(kind: AuthKind, target: SecurityFixture): Headers[] {
  const random = randomBytes(32).toString('base64url');
  if (kind === 'admin') return [{ authorization: `Bearer lh_admin_${random}` }];
  if (kind === 'integration') return [{ authorization: `Bearer lh_int_${random}` }];
  if (kind === 'account') return [{ cookie: `lh_portal=lh_sess_${random}` }];
  const basic = (key: string) => `Basic ${Buffer.from(`${target.registration.customerNumber}:${key}`).toString('base64')}`;
  return [{ authorization: basic('AAAAA-BBBBB-CCCCC-DDDDD') }, { authorization: 'License LH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' }];
}

/** `${f.activationId}` in a URL builder reads as `:activationId`, for test names. */
function placeholder(path: string): any {
  return new Proxy(() => undefined, {
    get: (_t, prop) => (prop === Symbol.toPrimitive || prop === 'toString' ? () => `:${path}` : placeholder(typeof prop === 'string' && !/^\d+$/.test(prop) ? prop : path)),
  });
}

/** Whether the route's URL or body names a customer's data, told from two stand-in fixtures; undefined when a builder needs a real one. */
function namesCustomerData(route: RouteCase<any>): boolean | undefined {
  const standIn = (tag: string) => new Proxy({}, { get: (_t, prop) => `${tag}:${String(prop)}` });
  try {
    const [a, b] = [standIn('a'), standIn('b')];
    return route.url(a) !== route.url(b) || JSON.stringify(route.body?.(a)) !== JSON.stringify(route.body?.(b));
  } catch {
    return undefined;
  }
}

let counter = 0;

/** The default fixture: a desktop and a Plus license, one computer activated through the machine API, an integration key. */
export async function securityFixture(h: Harness, label = `sec-${++counter}-${randomBytes(3).toString('hex')}`): Promise<SecurityFixture> {
  const customer = await seedCustomer(h, [DEMO.desktop.plan, DEMO.engagement.plus], `Security ${label}`);
  const fp = fingerprint(label);
  const activated = json(await h.request({
    method: 'POST', url: '/v1/activations', headers: { authorization: customer.basic },
    payload: { product: DEMO.desktop.product, fingerprint: fp, hostName: `${label}-pc`, platform: 'linux 6.8', appVersion: '1.0.0' },
  }));
  assert.equal(activated.valid, true, `the fixture's computer activates: ${JSON.stringify(activated)}`);
  const { key } = await h.database.transaction((trx) => createIntegrationKey(trx, customer.id, 'security fixture', SYSTEM_ACTOR, h.clock.now()));
  return { ...customer, activationId: activated.activation.id, fingerprint: fp, integrationKey: key };
}

/** Every row that belongs to the customer, in every table with a customer_id (and activations through their assignment). */
export async function customerSnapshot(h: Harness, customerId: string): Promise<Record<string, string[]>> {
  const db = h.database.db as any;
  const tables = await h.database.db.introspection.getTables();
  const snapshot: Record<string, string[]> = {};
  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
  snapshot.customers = sorted(await db.selectFrom('customers').selectAll().where('id', '=', customerId).execute());
  for (const table of tables) {
    const columns = table.columns.map((c) => c.name);
    if (columns.includes('customer_id')) {
      snapshot[table.name] = sorted(await db.selectFrom(table.name).selectAll().where('customer_id', '=', customerId).execute());
    } else if (columns.includes('assignment_id') && table.name !== 'resets') {
      snapshot[table.name] = sorted(await db.selectFrom(table.name).selectAll()
        .where('assignment_id', 'in', sql`(select id from assignments where customer_id = ${customerId})`).execute());
    }
  }
  return snapshot;
}

// Catalogue ids and actors are shared between customers, so they may show up in anyone's answer.
const SHARED_COLUMNS = /^(plan|feature|product|policy|from_plan|to_plan|actor)_id$/;

/** The ids and number by which the customer's data could show up in another's answer. */
function identifiers(snapshot: Record<string, string[]>, target: SecurityFixture): string[] {
  const ids = new Set<string>([target.id, target.registration.customerNumber, target.registration.registrationKey, target.integrationKey]);
  for (const rows of Object.values(snapshot)) {
    for (const row of rows) {
      for (const [column, value] of Object.entries(JSON.parse(row))) {
        if ((column === 'id' || column.endsWith('_id')) && !SHARED_COLUMNS.test(column) && typeof value === 'string' && value.length >= 16) ids.add(value);
      }
    }
  }
  return [...ids];
}

/**
 * Fails when the app documents a route under `prefix` that `routes` does not list, so a new route
 * cannot go without its security cases. Compares method and path with parameters blanked.
 */
export async function assertEveryRouteListed(h: Harness, prefix: string, routes: RouteCase<any>[]): Promise<void> {
  const shape = (path: string) => path.split('?')[0].replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}');
  const doc = json(await h.request({ method: 'GET', url: '/openapi.json' }));
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .filter(([path]) => path.startsWith(prefix))
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${shape(path)}`));
  assert.ok(documented.length > 0, `the app documents routes under ${prefix}`);
  const listed = new Set(routes.map((route) => `${route.method} ${shape(route.url(placeholder('id')))}`));
  assert.deepEqual(documented.filter((route) => !listed.has(route)), [], `routes under ${prefix} without security cases`);
}

export function assertProblem(response: LightMyRequestResponse, status: number, code: string, what = ''): void {
  assert.equal(response.statusCode, status, `${what} answers ${status}: ${response.body}`);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/, `${what} is problem+json`);
  assert.equal(json(response).code, code, `${what} has code ${code}`);
}

function assertNoLeak(response: LightMyRequestResponse, victimIds: string[], what: string): void {
  const leaked = victimIds.filter((id) => response.body.includes(id));
  assert.deepEqual(leaked, [], `${what} shows nothing of another customer`);
}

/**
 * Registers the security tests of `routes` in the current `describe`. `harness` is called when the
 * tests run, so it may be set in a `before` hook.
 */
export function securityCases<F extends SecurityFixture = SecurityFixture>(harness: () => Harness, routes: RouteCase<F>[], options: SecurityOptions<F> = {}): void {
  const needsSession = routes.some((route) => route.auth === 'account') && !options.credentials?.account;
  const makeFixture = async (h: Harness): Promise<F> => {
    const customer = await securityFixture(h);
    const base = needsSession ? { ...customer, session: await registerAccount(h, customer, { email: `owner-${customer.id}@clinic.test` }) } : customer;
    return options.fixture ? options.fixture(h, base) : (base as F);
  };
  const credentials = (kind: AuthKind, target: F, h: Harness) => (options.credentials?.[kind] ?? defaultCredentials[kind])(target, h);
  const send = (h: Harness, route: RouteCase<F>, target: F, headers: Headers) => {
    const body = route.body?.(target);
    return h.request({ method: route.method, url: route.url(target), headers, ...(body === undefined ? {} : { payload: body as any }) });
  };
  // Admin routes never reach a handler in these cases, so one fixture serves them all.
  let adminFixture: Promise<F> | undefined;

  for (const route of routes) {
    const name = route.name ?? `${route.method} ${route.url(placeholder('id'))}`;
    let pair: Promise<{ caller: F; victim: F }> | undefined;
    const fixtures = (h: Harness) => (pair ??= (async () => ({ caller: await makeFixture(h), victim: await makeFixture(h) }))());
    const callerOf = async (h: Harness) => (route.auth === 'admin' ? (adminFixture ??= makeFixture(h)) : (await fixtures(h)).caller);

    test(`${name}: no credentials → 401 UNAUTHENTICATED`, async () => {
      const h = harness();
      assertProblem(await send(h, route, await callerOf(h), {}), 401, 'UNAUTHENTICATED', 'a request without credentials');
    });

    const wrongCode = options.wrongCredentialsCode ?? (route.auth === 'account' ? 'UNAUTHENTICATED' : 'INVALID_CREDENTIALS');
    test(`${name}: wrong credentials → 401 ${wrongCode}`, async () => {
      const h = harness();
      const caller = await callerOf(h);
      for (const headers of options.wrongCredentials?.[route.auth]?.(caller) ?? wrongCredentials(route.auth, caller)) {
        assertProblem(await send(h, route, caller, headers), 401, wrongCode, `"${(headers.authorization ?? headers.cookie ?? '').split(/[ =]/)[0]} <unknown>"`);
      }
    });

    if (route.auth === 'admin') continue;

    if (route.auth === 'account') {
      test(`${name}: the app's credentials (registration details, license key) → 401 PORTAL_SESSION_REQUIRED, nothing changed`, async () => {
        const h = harness();
        const { caller } = await fixtures(h);
        const before = await customerSnapshot(h, caller.id);
        for (const authorization of [caller.basic, `License ${caller.licenseKeys[0]}`]) {
          assertProblem(await send(h, route, caller, { authorization }), 401, 'PORTAL_SESSION_REQUIRED', `"${authorization.split(' ')[0]} …"`);
        }
        assert.deepEqual(await customerSnapshot(h, caller.id), before, 'nothing of the customer changed');
      });
    }

    if (namesCustomerData(route) !== false) {
      test(`${name}: another customer's ids → 404 NOT_FOUND, their data unchanged`, async (t) => {
        const h = harness();
        const { caller, victim } = await fixtures(h);
        const scoped = route.url(caller) !== route.url(victim) || JSON.stringify(route.body?.(caller)) !== JSON.stringify(route.body?.(victim));
        if (!scoped) return t.skip('the route names no customer\'s data');
        const before = await customerSnapshot(h, victim.id);
        const response = await send(h, route, victim, credentials(route.auth, caller, h));
        assertProblem(response, 404, 'NOT_FOUND', 'naming another customer\'s data');
        assertNoLeak(response, identifiers(before, victim), 'the refusal');
        assert.deepEqual(await customerSnapshot(h, victim.id), before, 'the other customer\'s data is unchanged');
      });
    }

    const refuses = route.refusesSuspended ?? (route.auth === 'machine' || route.method !== 'GET');
    if (refuses) {
      test(`${name}: suspended customer → refused`, async () => {
        const h = harness();
        const { caller } = await fixtures(h);
        const status = (s: 'active' | 'suspended') => h.database.transaction((trx) => setCustomerStatus(trx, caller.id, s, SYSTEM_ACTOR, h.clock.now()));
        await status('suspended');
        try {
          const response = await send(h, route, caller, credentials(route.auth, caller, h));
          if (route.auth === 'machine' && response.statusCode === 200) {
            const answer = json(response);
            assert.equal(answer.valid, false, `a suspended customer is not granted use: ${response.body}`);
            assert.equal(answer.code, 'CUSTOMER_SUSPENDED');
          } else {
            assertProblem(response, 403, 'CUSTOMER_SUSPENDED', 'a suspended customer\'s request');
          }
        } finally {
          await status('active');
        }
      });
    }

    test(`${name}: own answer shows nothing of another customer`, async () => {
      const h = harness();
      const { caller, victim } = await fixtures(h);
      const response = await send(h, route, caller, credentials(route.auth, caller, h));
      assert.ok(response.statusCode < 500, `no server error: ${response.statusCode} ${response.body}`);
      assert.notEqual(response.statusCode, 401, `the caller's own credentials are accepted: ${response.body}`);
      assertNoLeak(response, identifiers(await customerSnapshot(h, victim.id), victim), 'the caller\'s own answer');
    });
  }
}
