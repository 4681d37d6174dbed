import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { DIALECTS, createHarness, json, seedCustomer, seedIntegrationKey, type Harness, type TestCustomer } from '../testing/harness.ts';
import { PASSWORD, uniqueEmail } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';

const GOOD = 'Clinique dentaire de l\'Érable';
const NAME = '@@NAME@@';

/** A name the JSON body carries as it is, or (`utf8`) raw bytes put in its place in the body. */
const BAD: { what: string; name?: string; utf8?: Buffer }[] = [
  { what: 'a control character', name: 'Clinique\u0007 Érable' },
  { what: 'a line break', name: 'Clinique\nde l\'Érable' },
  { what: 'a C1 control character', name: 'Clinique\u0085Érable' },
  { what: 'a right-to-left override', name: 'Clinique \u202Eelbarè\'l ed' },
  { what: 'a right-to-left isolate', name: 'Clinique \u2067Érable\u2069' },
  { what: 'an unpaired surrogate sent as \\ud800', name: 'Clinique \ud800Érable' },
  { what: 'an unpaired low surrogate sent as \\udc00', name: 'Clinique \udc00' },
  { what: 'a surrogate encoded as UTF-8 bytes (not UTF-8)', utf8: Buffer.from([0x43, 0x6c, 0xed, 0xa0, 0x80]) },
];

/** The body as JSON text (JSON.stringify writes a lone surrogate as a \u escape), with the bad name in it. */
function body(template: object, bad: (typeof BAD)[number]): string | Buffer {
  if (bad.name !== undefined) return JSON.stringify(template).replace(JSON.stringify(NAME), JSON.stringify(bad.name));
  const [before, after] = JSON.stringify(template).split(NAME);
  return Buffer.concat([Buffer.from(before), bad.utf8!, Buffer.from(after)]);
}

interface NameRoute {
  what: string;
  field: string;
  /** Sends the body, with NAME where the name goes, as a string or bytes of JSON. */
  send(h: Harness, payload: (template: object) => string | Buffer): Promise<LightMyRequestResponse>;
  /** How many rows the route could have written. */
  stored(h: Harness): Promise<number>;
  accepted: number;
}

for (const dialect of DIALECTS) {
  describe(`names refuse control characters, bidirectional overrides and unpaired surrogates (${dialect})`, () => {
    let h: Harness;
    let customer: TestCustomer;
    let integrationKey: string;
    const count = async (table: 'customers' | 'portal_users' | 'resources', customerId?: string) => {
      let query = h.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n'));
      if (customerId) query = query.where('customer_id', '=', customerId);
      return Number((await query.executeTakeFirstOrThrow()).n);
    };
    const jsonRequest = (method: 'POST' | 'PUT', url: string, headers: Record<string, string>, payload: string | Buffer) =>
      h.request({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload });

    const routes: NameRoute[] = [
      {
        what: 'a customer name (admin API)', field: 'body.name', accepted: 201,
        send: (h, payload) => jsonRequest('POST', '/v1/admin/customers', { authorization: `Bearer ${h.adminKey}` }, payload({ name: NAME })),
        stored: () => count('customers'),
      },
      {
        what: 'a portal user name (registering)', field: 'body.name', accepted: 201,
        async send(h, payload) {
          const logon = await h.request({ method: 'POST', url: '/v1/portal/logon/registration', payload: { customerNumber: customer.registration.customerNumber, registrationKey: customer.registration.registrationKey } });
          assert.equal(logon.statusCode, 200, logon.body);
          const template = { registrationTicket: json(logon).registrationTicket, name: NAME, email: uniqueEmail(), password: PASSWORD, locale: 'fr' };
          return jsonRequest('POST', '/v1/portal/register', {}, payload(template));
        },
        stored: () => count('portal_users', customer.id),
      },
      {
        what: 'a resource name (integration API)', field: 'body.resources.0.name', accepted: 200,
        send: (h, payload) => jsonRequest('PUT', '/v1/integration/resources', { authorization: `Bearer ${integrationKey}` },
          payload({ resources: [{ kind: 'provider', externalId: `prov-${Math.random()}`, name: NAME, reachable: true, synchronised: true }] })),
        stored: () => count('resources', customer.id),
      },
    ];

    before(async () => {
      h = await createHarness(dialect);
      customer = await seedCustomer(h, []);
      integrationKey = await seedIntegrationKey(h, customer.id);
    });
    after(() => h.close());

    for (const route of routes) {
      for (const bad of BAD) {
        test(`${route.what} with ${bad.what}: 400 VALIDATION_FAILED naming the field, nothing stored`, async () => {
          const before = await route.stored(h);
          const response = await route.send(h, (template) => body(template, bad));
          assertProblem(response, 400, 'VALIDATION_FAILED', `${route.what} with ${bad.what}`);
          const errors = json(response).errors as { field: string; message: string; code?: string }[];
          assert.deepEqual(errors.map((e) => [e.field, e.code]), [[route.field, 'NAME_CHARACTERS']], 'the field, with a code for the portal to translate');
          assert.match(errors[0].message, /control character|bidirectional|surrogate|not valid UTF-8/);
          assert.equal(await route.stored(h), before, 'nothing stored');
        });
      }

      test(`${route.what}: a French name with accents and an apostrophe is taken as it is`, async () => {
        const before = await route.stored(h);
        const response = await route.send(h, (template) => JSON.stringify(template).replace(NAME, GOOD));
        assert.equal(response.statusCode, route.accepted, response.body);
        assert.equal(await route.stored(h), before + 1);
        assert.ok(response.body.includes(GOOD), 'the answer shows the name as sent');
      });
    }
  });
}
