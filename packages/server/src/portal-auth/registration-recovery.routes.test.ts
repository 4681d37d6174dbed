import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY } from '@leasehold/core';
import { createCustomer, type NewCustomer } from '../customers/customer.service.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';
import { mailTo, tokenInLink, uniqueEmail } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';

let clinics = 0;

for (const dialect of DIALECTS) {
  describe(`client portal: "I don't know my registration details" (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    const clinic = async (overrides: Partial<NewCustomer> = {}) => {
      const n = ++clinics;
      const input: NewCustomer = {
        name: `Lakeview Clinic ${n}`, contactEmail: uniqueEmail('office'), locale: 'en',
        address: { line1: `${n} Rue Principale`, city: 'Gatineau', region: 'QC', postalCode: `J8Y ${n}A${n}`, country: 'CA' }, ...overrides,
      };
      return h.database.transaction((trx) => createCustomer(trx, input, SYSTEM_ACTOR, h.clock.now()));
    };
    const recover = (form: Record<string, string>) => h.request({ method: 'POST', url: '/v1/portal/recover-registration', payload: { name: 'Sam Reception', ...form } });
    const requestsFrom = (email: string) => h.database.db.selectFrom('support_requests').selectAll().where('email', '=', email.toLowerCase()).execute();
    const registrationLogon = (customerNumber: string, registrationKey: string) =>
      h.request({ method: 'POST', url: '/v1/portal/logon/registration', payload: { customerNumber, registrationKey } });

    test('the contact email on file gets the customer number and a single-use link that re-issues the key', async () => {
      const { customer, registration } = await clinic({ locale: 'fr' });
      const answer = await recover({ businessName: 'Something else', address: 'nowhere', email: customer.contactEmail!.toUpperCase() });
      assert.equal(answer.statusCode, 202);
      assert.deepEqual(json(answer), { received: true });
      const [mail] = await mailTo(h, customer.contactEmail!);
      assert.deepEqual([mail.template, mail.locale, mail.customer_id], ['registration_reissue', 'fr', customer.id]);
      assert.ok(mail.text_body.includes(customer.number), 'the mail has the customer number');
      assert.ok(!mail.text_body.includes(registration.registrationKey), 'never the key itself');
      assert.equal((await requestsFrom(customer.contactEmail!)).length, 0, 'no support request for a match');

      const token = tokenInLink(mail.text_body, '/portal/reissue');
      const confirm = () => h.request({ method: 'POST', url: '/v1/portal/recover-registration/confirm', payload: { token } });
      const reissued = await confirm();
      assert.equal(reissued.statusCode, 200, reissued.body);
      assert.equal(json(reissued).customerNumber, customer.number);
      assert.equal(reissued.headers['cache-control'], 'no-store');
      assertProblem(await confirm(), 400, 'TOKEN_INVALID', 'the link used twice');
      assert.equal((await registrationLogon(customer.number, json(reissued).registrationKey)).statusCode, 200, 'the new key works');
      assertProblem(await registrationLogon(customer.number, registration.registrationKey), 401, 'INVALID_CREDENTIALS', 'the old key');
    });

    test('business name and postal code match too; the mail goes to the address on file, never to the one typed', async () => {
      const { customer } = await clinic();
      const typed = uniqueEmail('personal');
      await recover({ businessName: `  ${customer.name.toUpperCase()} `, address: `${customer.address.line1}, Gatineau QC ${customer.address.postalCode!.replace(' ', '').toLowerCase()}`, email: typed });
      assert.equal((await mailTo(h, typed)).length, 0, 'nothing to the typed address');
      assert.equal((await mailTo(h, customer.contactEmail!)).length, 1, 'the address on file');
      assert.equal((await requestsFrom(typed)).length, 0);
    });

    test('no match, or more than one, opens a support request with what was typed; the answer is the same', async () => {
      const { customer } = await clinic();
      const matched = await recover({ businessName: 'x', address: 'y', email: customer.contactEmail! });

      const typed = uniqueEmail('lost');
      const unmatched = await recover({ businessName: 'Unknown Health', address: '1 Nowhere Road, H0H 0H0', email: typed });
      assert.deepEqual([unmatched.statusCode, unmatched.body, unmatched.headers['content-type']], [matched.statusCode, matched.body, matched.headers['content-type']], 'a match and no match look the same');
      const [request] = await requestsFrom(typed);
      assert.deepEqual(
        { kind: request.kind, name: request.name, business: request.business_name, address: request.address, customer: request.customer_id, status: request.status },
        { kind: 'registration_details', name: 'Sam Reception', business: 'Unknown Health', address: '1 Nowhere Road, H0H 0H0', customer: null, status: 'open' },
      );
      assert.equal((await mailTo(h, typed)).length, 0);

      // Two customers of the same name and postal code: nobody gets mail, staff decide.
      const twin = { name: 'Twin Pines Dental', address: { postalCode: 'K1A 0B1' } };
      const [a, b] = [await clinic(twin), await clinic(twin)];
      const asker = uniqueEmail('twin');
      await recover({ businessName: 'Twin Pines Dental', address: '5 Main St, Ottawa K1A 0B1', email: asker });
      assert.equal((await requestsFrom(asker)).length, 1, 'an ambiguous match is a support request');
      assert.equal((await mailTo(h, a.customer.contactEmail!)).length + (await mailTo(h, b.customer.contactEmail!)).length, 0);

      // A customer with no contact email on file cannot be mailed: it goes to support too.
      const { customer: silent } = await clinic({ contactEmail: null });
      const other = uniqueEmail('silent');
      await recover({ businessName: silent.name, address: `postal code ${silent.address.postalCode}`, email: other });
      assert.equal((await requestsFrom(other)).length, 1);
    });

    test('the re-issue link expires after a day', async () => {
      const { customer } = await clinic();
      await recover({ businessName: 'x', address: 'y', email: customer.contactEmail! });
      const token = tokenInLink((await mailTo(h, customer.contactEmail!))[0].text_body, '/portal/reissue');
      h.clock.advance(DAY);
      assertProblem(await h.request({ method: 'POST', url: '/v1/portal/recover-registration/confirm', payload: { token } }), 400, 'TOKEN_INVALID', 'an expired link');
    });
  });
}
