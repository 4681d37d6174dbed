import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';
import { asStaff, signInStaff } from '../testing/staff-fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`admin API: re-issue and email registration details (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
    });
    after(() => h.close());

    const outbox = (customerId: string) => h.database.db.selectFrom('mail_outbox').selectAll().where('customer_id', '=', customerId).execute();
    const logOn = (details: { customerNumber: string; registrationKey: string }) => h.request({ method: 'POST', url: '/v1/portal/logon/registration', payload: details });

    const languages: ['en' | 'fr', RegExp, RegExp][] = [
      ['en', /^Your registration details \(customer /, /Registration key: /],
      ['fr', /^Vos informations d'enregistrement \(client /, /Clé d'enregistrement : /],
    ];
    for (const [locale, subject, keyLine] of languages) {
      test(`email: true queues the new details to the contact, in the customer's language (${locale}), with the change`, async () => {
        const { customer, registration } = await admin.create('/v1/admin/customers', { name: `Willow ${locale}`, contactEmail: `Office.${locale}@willow.test`, locale });
        const staff = await signInStaff(h, 'support');
        const response = await asStaff(h, staff)('POST', `/v1/admin/customers/${customer.id}/reissue-registration`, { email: true });
        assert.equal(response.statusCode, 200, response.body);
        const fresh = json(response);
        assert.equal(fresh.emailedTo, `office.${locale}@willow.test`);
        const mails = await outbox(customer.id);
        assert.equal(mails.length, 1);
        const mail = mails[0];
        assert.deepEqual([mail.to_address, mail.template, mail.locale, mail.status], [`office.${locale}@willow.test`, 'registration_details', locale, 'pending']);
        assert.match(mail.subject, subject);
        assert.match(mail.text_body, keyLine);
        assert.ok(mail.text_body.includes(fresh.registrationKey), 'the mail holds the new key');
        assert.ok(mail.text_body.includes('http://leasehold.test/portal/'), 'and the portal link');
        assertProblem(await logOn(registration), 401, 'INVALID_CREDENTIALS', 'the old key');
        assert.equal((await logOn(fresh)).statusCode, 200, 'the mailed key works');
        const sent = await admin.lastEvent('customer.registration_details_sent', customer.id);
        assert.deepEqual([sent.actor.type, sent.actor.id, sent.data.to], ['staff', staff.staffId, `office.${locale}@willow.test`]);
      });
    }

    test('without email (or email: false) nothing is mailed; the details are only in the answer', async () => {
      const { customer } = await admin.create('/v1/admin/customers', { name: 'Yew Clinic', contactEmail: 'office@yew.test' });
      assert.equal((await admin.ok('POST', `/v1/admin/customers/${customer.id}/reissue-registration`)).emailedTo, null);
      assert.equal((await admin.ok('POST', `/v1/admin/customers/${customer.id}/reissue-registration`, { email: false })).emailedTo, null);
      assert.equal((await outbox(customer.id)).length, 0);
    });

    test('email: true for a customer with no contact email → 409, and the old key still works', async () => {
      const { customer, registration } = await admin.create('/v1/admin/customers', { name: 'Zelkova Clinic' });
      const refused = await admin.send('POST', `/v1/admin/customers/${customer.id}/reissue-registration`, { email: true });
      assertProblem(refused, 409, 'INVALID_STATE');
      assert.match(json(refused).detail, /no contact email/);
      assert.equal((await logOn(registration)).statusCode, 200, 'nothing changed');
      assert.equal((await outbox(customer.id)).length, 0);
    });

    test('malformed: email that is not a boolean → 400 naming body.email', async () => {
      const { customer } = await admin.create('/v1/admin/customers', { name: 'Malformed Clinic' });
      const response = await admin.send('POST', `/v1/admin/customers/${customer.id}/reissue-registration`, { email: 'yes' });
      assertProblem(response, 400, 'VALIDATION_FAILED');
      assert.deepEqual(json(response).errors.map((e: any) => e.field), ['body.email']);
    });
  });
}
