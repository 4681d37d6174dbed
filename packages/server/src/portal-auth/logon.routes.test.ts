import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOUR } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';
import { browser, logOn, PASSWORD, registerAccount, sessionCookieOf, sessionOf, uniqueEmail } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';

for (const dialect of DIALECTS) {
  describe(`client portal: getting in, seed 000 (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    const activate = async (customer: TestCustomer, seed: string) => {
      const response = await h.request({
        method: 'POST', url: '/v1/activations', headers: { authorization: customer.basic },
        payload: { product: DEMO.desktop.product, fingerprint: fingerprint(seed), hostName: `${seed}-pc`, platform: 'win32 10.0.22631', appVersion: '5.2.0' },
      });
      return json(response);
    };

    test('registration details → register → session → licenses → RESET LICENSE → activate elsewhere → log out → email and password', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Northside Physio');
      const old = await activate(customer, 'old-reception');
      assert.equal(old.valid, true);

      // [2] Logon With Account Details.
      const ticket = await h.request({
        method: 'POST', url: '/v1/portal/logon/registration',
        payload: { customerNumber: customer.registration.customerNumber, registrationKey: customer.registration.registrationKey.toLowerCase() },
      });
      assert.equal(ticket.statusCode, 200, ticket.body);
      assert.deepEqual(json(ticket).customer, { number: customer.registration.customerNumber, name: 'Northside Physio' });
      assert.equal(json(ticket).existingAccounts, 0);

      // [3] Register the account: the first one is the owner, and it is logged on at once.
      const email = uniqueEmail('manager');
      const registered = await h.request({
        method: 'POST', url: '/v1/portal/register',
        payload: { registrationTicket: json(ticket).registrationTicket, name: 'Clinic Manager', email: email.toUpperCase(), password: PASSWORD, locale: 'fr' },
      });
      assert.equal(registered.statusCode, 201, registered.body);
      const setCookie = String(registered.headers['set-cookie']);
      assert.match(setCookie, /^lh_portal=lh_sess_[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/, 'httpOnly, SameSite=Lax, not Secure over http');
      const session = sessionOf(registered);
      assert.deepEqual({ ...session.user, id: undefined }, { id: undefined, name: 'Clinic Manager', email, role: 'owner', locale: 'fr' });
      assert.equal(session.customer.number, customer.registration.customerNumber);
      assert.ok(!registered.body.includes(session.cookie.split('=')[1]), 'the session token is in the cookie only');

      const again = await h.request({ method: 'POST', url: '/v1/portal/register', payload: { registrationTicket: json(ticket).registrationTicket, name: 'X', email: uniqueEmail(), password: PASSWORD, locale: 'en' } });
      assertProblem(again, 400, 'TOKEN_INVALID', 'a used ticket');

      const me = browser(h, session);
      const current = await me.get('/v1/portal/session');
      assert.equal(current.statusCode, 200);
      assert.deepEqual(json(current), { user: session.user, customer: session.customer, csrfToken: session.csrfToken });

      // [4] Your licenses, and RESET LICENSE for the computer.
      const licenses = json(await me.get('/v1/account/licenses')).items;
      assert.equal(licenses.length, 1);
      assert.equal(licenses[0].assignments[0].activation.hostName, 'old-reception-pc');
      assert.equal(licenses[0].resetBudget.remaining, 3);

      const withoutCsrf = await me.delete(`/v1/account/assignments/${old.activation.id}`, { reason: 'New computer' }, { csrf: false });
      assertProblem(withoutCsrf, 403, 'CSRF_TOKEN_INVALID', 'RESET LICENSE without the CSRF header');
      const reset = await me.delete(`/v1/account/assignments/${old.activation.id}`, { reason: 'New computer' });
      assert.equal(reset.statusCode, 200, reset.body);
      assert.equal(json(reset).reset.budget.remaining, 2);
      const resetEvent = json(await me.get('/v1/account/events')).items.find((e: any) => e.type === 'activation.reset');
      assert.deepEqual(resetEvent.actor, { type: 'portal_user', id: session.user.id }, 'the event names the person');
      const notice = await h.database.db.selectFrom('mail_outbox').selectAll().where('customer_id', '=', customer.id).where('template', '=', 'license_reset_notice').execute();
      assert.equal(notice.length, 1, 'the address on file is told about the reset');
      assert.match(notice[0].text_body, /Clinic Manager/);

      // [5] ACTIVATE ONLINE on the new computer with the same customer details.
      assert.equal((await activate(customer, 'new-reception')).valid, true);

      const out = await me.post('/v1/portal/logout');
      assert.equal(out.statusCode, 204);
      assert.match(String(out.headers['set-cookie']), /^lh_portal=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
      assertProblem(await me.get('/v1/portal/session'), 401, 'UNAUTHENTICATED', 'the ended session');
      assertProblem(await me.get('/v1/account/licenses'), 401, 'UNAUTHENTICATED', 'the account API with the ended session');

      // Next time: email and password.
      const wrong = await logOn(h, email, 'not the password');
      assertProblem(wrong, 401, 'INVALID_CREDENTIALS', 'a wrong password');
      const back = await logOn(h, email.toUpperCase());
      assert.equal(back.statusCode, 200, back.body);
      const second = sessionOf(back);
      assert.notEqual(second.cookie, session.cookie);
      assert.equal(second.user.id, session.user.id);
      const listed = json(await browser(h, second).get('/v1/account/licenses')).items;
      assert.equal(listed[0].assignments[0].activation.hostName, 'new-reception-pc');
    });

    test('later accounts registered with the registration details are viewers; a used email, a short password and wrong details are refused', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const owner = await registerAccount(h, customer);
      const ticket = json(await h.request({
        method: 'POST', url: '/v1/portal/logon/registration',
        payload: { customerNumber: customer.registration.customerNumber, registrationKey: customer.registration.registrationKey },
      }));
      assert.equal(ticket.existingAccounts, 1);
      const register = (payload: object) => h.request({ method: 'POST', url: '/v1/portal/register', payload: { registrationTicket: ticket.registrationTicket, name: 'Second', locale: 'en', ...payload } });
      assertProblem(await register({ email: owner.user.email, password: PASSWORD }), 409, 'ALREADY_EXISTS', 'an email already used');
      const short = await register({ email: uniqueEmail(), password: 'short' });
      assertProblem(short, 400, 'VALIDATION_FAILED', 'a short password');
      assert.equal(json(short).errors[0].field, 'body.password');
      const viewer = await register({ email: uniqueEmail(), password: PASSWORD });
      assert.equal(viewer.statusCode, 201, viewer.body);
      assert.equal(json(viewer).user.role, 'viewer');

      const badKey = await h.request({ method: 'POST', url: '/v1/portal/logon/registration', payload: { customerNumber: customer.registration.customerNumber, registrationKey: 'AAAAA-BBBBB-CCCCC-DDDDD' } });
      assertProblem(badKey, 401, 'INVALID_CREDENTIALS', 'a wrong registration key');
      const unknown = await h.request({ method: 'POST', url: '/v1/portal/logon/registration', payload: { customerNumber: '999999999', registrationKey: customer.registration.registrationKey } });
      assertProblem(unknown, 401, 'INVALID_CREDENTIALS', 'an unknown customer number');
      assert.equal(json(unknown).detail, json(badKey).detail, 'an unknown number reads like a wrong key');
    });

    test('the registration details, on every desktop, buy nothing one step removed: a later account is a viewer, and every owner is mailed who registered', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Lakeview Clinic');
      const owner = await registerAccount(h, customer, { name: 'Pat Owner', email: uniqueEmail('owner'), locale: 'fr' });
      assert.equal(owner.user.role, 'owner', 'the first account is still the owner');
      const me = browser(h, owner);
      const second = await registerAccount(h, customer, { name: 'Second Owner', email: uniqueEmail('second') });
      assert.equal(second.user.role, 'viewer');
      assert.equal((await me.patch(`/v1/portal/users/${second.user.id}`, { role: 'owner' })).statusCode, 200);
      const admin = await registerAccount(h, customer, { name: 'Office Admin', email: uniqueEmail('admin') });
      assert.equal((await me.patch(`/v1/portal/users/${admin.user.id}`, { role: 'admin' })).statusCode, 200);
      h.clock.advance(HOUR);
      const registeredAt = h.clock.now();
      const stranger = await registerAccount(h, customer, { name: 'Someone At A Desk', email: uniqueEmail('desk') });
      assert.equal(stranger.user.role, 'viewer');
      const desk = browser(h, stranger);
      assert.equal((await desk.get('/v1/account/licenses')).statusCode, 200, 'a viewer sees the licenses');
      assert.equal((await desk.get('/v1/account/bill')).statusCode, 200, 'and the bill');
      const bought = await desk.post('/v1/account/licenses', { plan: DEMO.desktop.plan });
      assertProblem(bought, 403, 'FORBIDDEN', 'a viewer buying a license');
      assert.equal((await h.database.db.selectFrom('licenses').select('id').where('customer_id', '=', customer.id).execute()).length, 1, 'no license was added');
      assertProblem(await desk.patch(`/v1/portal/users/${stranger.user.id}`, { role: 'owner' }), 403, 'FORBIDDEN', 'a viewer making itself an owner');

      const told = await h.database.db.selectFrom('mail_outbox').selectAll().where('template', '=', 'viewer_registered').where('created_at', '=', registeredAt).execute();
      assert.deepEqual(told.map((m) => m.to_address).sort(), [owner.user.email, second.user.email].sort(), 'one mail to each owner; an admin cannot change roles, so is not told');
      const toOwner = told.find((m) => m.to_address === owner.user.email)!;
      const toSecond = told.find((m) => m.to_address === second.user.email)!;
      assert.equal(toOwner.locale, 'fr', 'in the language of the owner');
      assert.equal(toOwner.subject, `Someone At A Desk s'est inscrit au portail client de Lakeview Clinic, en tant que lecteur`);
      assert.match(toOwner.text_body, new RegExp(`Someone At A Desk \\(${stranger.user.email}\\) a créé un compte`));
      assert.match(toOwner.text_body, /rôle Lecteur/);
      assert.match(toOwner.text_body, /Ouvrir la page Utilisateurs: http:\/\/leasehold\.test\/portal\/users/);
      assert.equal(toSecond.locale, 'en');
      assert.equal(toSecond.subject, 'Someone At A Desk registered in the Lakeview Clinic client portal, as a viewer');
      assert.match(toSecond.text_body, /^Hello Second Owner,/);
      assert.match(toSecond.text_body, new RegExp(`Someone At A Desk \\(${stranger.user.email}\\) registered an account .* on ${new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(registeredAt)}`));
      assert.match(toSecond.text_body, /change their role on the Users page\. If you do not know them, remove them there\./);

      const event = await h.database.db.selectFrom('events').selectAll().where('type', '=', 'portal_user.registered').where('subject_id', '=', stranger.user.id).executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(String(event.data)), { role: 'viewer', email: stranger.user.email, name: 'Someone At A Desk', ownersTold: 2 });

      // An owner gives the person more rights; then they may buy.
      assert.equal((await me.patch(`/v1/portal/users/${stranger.user.id}`, { role: 'admin' })).statusCode, 200);
      assert.equal((await desk.post('/v1/account/licenses', { plan: DEMO.desktop.plan })).statusCode, 201);
    });

    test('a ticket expires after 30 minutes, and a re-issued registration key ends it', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const getTicket = async () => json(await h.request({
        method: 'POST', url: '/v1/portal/logon/registration',
        payload: { customerNumber: customer.registration.customerNumber, registrationKey: customer.registration.registrationKey },
      })).registrationTicket;
      const register = (registrationTicket: string) => h.request({ method: 'POST', url: '/v1/portal/register', payload: { registrationTicket, name: 'Late', email: uniqueEmail(), password: PASSWORD, locale: 'en' } });
      const stale = await getTicket();
      h.clock.advance(30 * 60_000);
      assertProblem(await register(stale), 400, 'TOKEN_INVALID', 'an expired ticket');

      const fresh = await getTicket();
      const reissued = await h.request({ method: 'POST', url: `/v1/admin/customers/${customer.id}/reissue-registration`, headers: { authorization: `Bearer ${h.adminKey}` } });
      assert.ok(reissued.statusCode < 300, reissued.body);
      assertProblem(await register(fresh), 400, 'TOKEN_INVALID', 'a ticket of a replaced registration key');
    });

    test('a session slides: used within 12 hours it lasts, idle for 12 hours it ends', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const session = await registerAccount(h, customer);
      const me = browser(h, session);
      for (let i = 0; i < 3; i++) {
        h.clock.advance(11 * HOUR);
        assert.equal((await me.get('/v1/portal/session')).statusCode, 200, `still in after ${(i + 1) * 11} hours of use`);
      }
      h.clock.advance(12 * HOUR);
      const ended = await me.get('/v1/account');
      assertProblem(ended, 401, 'UNAUTHENTICATED', 'a session idle for 12 hours');
      assert.match(String(ended.headers['set-cookie']), /^lh_portal=;.*Max-Age=0/, 'the stale cookie is cleared');
      assert.equal(sessionCookieOf((await logOn(h, session.user.email))).startsWith('lh_portal=lh_sess_'), true);
    });

    test('PATCH /v1/portal/me changes name and language; GET /v1/account/plans lists what can be added', async () => {
      const customer = await seedCustomer(h, [DEMO.engagement.basic]);
      const session = await registerAccount(h, customer, { locale: 'en' });
      const me = browser(h, session);
      const changed = await me.patch('/v1/portal/me', { locale: 'fr', name: 'Réception' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual([json(changed).user.locale, json(changed).user.name], ['fr', 'Réception']);
      assert.equal(json(await me.get('/v1/portal/session')).user.locale, 'fr');

      const plans = json(await me.get('/v1/account/plans')).items;
      const basic = plans.find((p: any) => p.code === DEMO.engagement.basic);
      assert.deepEqual(basic.upgradesTo, [DEMO.engagement.plus]);
      assert.deepEqual(basic.slots.map((s: any) => [s.feature.code, s.quantity]).sort(), [[DEMO.engagement.features.messages, 1], [DEMO.engagement.features.reminders, 1]]);
      assert.equal(basic.slots.find((s: any) => s.feature.code === DEMO.engagement.features.messages).feature.name.fr, 'Messages aux patients');
      assert.deepEqual([basic.priceCents, basic.period, basic.product.code], [4900, 'month', DEMO.engagement.product]);
      assert.ok(plans.some((p: any) => p.code === DEMO.desktop.plan));
    });
  });
}
