import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { browser, logOn, mailTo, PASSWORD, registerAccount, sessionOf, tokenInLink, uniqueEmail, type PortalSession } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';

for (const dialect of DIALECTS) {
  describe(`client portal: users, roles and invitations (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    const accept = (token: string, name = 'Invited Person') =>
      h.request({ method: 'POST', url: '/v1/portal/invitations/accept', payload: { token, name, password: PASSWORD, locale: 'en' } });

    /** Invites the address as the role and accepts from the emailed link. */
    const join = async (by: PortalSession, role: 'admin' | 'viewer', name = `New ${role}`): Promise<PortalSession> => {
      const email = uniqueEmail(role);
      assert.equal((await browser(h, by).post('/v1/portal/invitations', { email, role })).statusCode, 201);
      const accepted = await accept(tokenInLink((await mailTo(h, email))[0].text_body, '/portal/accept-invitation'), name);
      assert.equal(accepted.statusCode, 201, accepted.body);
      return sessionOf(accepted);
    };

    test('an owner invites by email; the link creates the account for that address, once', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Harbour Chiropractic');
      const owner = await registerAccount(h, customer, { name: 'Owner Person', locale: 'fr' });
      const email = uniqueEmail('colleague');
      const invited = await browser(h, owner).post('/v1/portal/invitations', { email: email.toUpperCase(), role: 'viewer' });
      assert.equal(invited.statusCode, 201, invited.body);
      assert.deepEqual(json(invited).invitation, { email, role: 'viewer', expiresAt: new Date(h.clock.now() + 7 * DAY).toISOString() });

      const [mail] = await mailTo(h, email);
      assert.deepEqual([mail.template, mail.locale], ['invitation', 'fr'], 'in the inviter\'s language');
      assert.match(mail.subject, /Owner Person vous invite au portail client de Harbour Chiropractic/);
      const users = json(await browser(h, owner).get('/v1/portal/users'));
      assert.deepEqual(users.invitations.map((i: any) => [i.email, i.role]), [[email, 'viewer']]);
      assert.deepEqual(users.items.map((u: any) => [u.email, u.role]), [[owner.user.email, 'owner']]);

      const token = tokenInLink(mail.text_body, '/portal/accept-invitation');
      const accepted = await accept(token);
      assert.equal(accepted.statusCode, 201, accepted.body);
      assert.deepEqual([json(accepted).user.email, json(accepted).user.role, json(accepted).customer.id], [email, 'viewer', customer.id]);
      assertProblem(await accept(token), 400, 'TOKEN_INVALID', 'the invitation used twice');
      const after = json(await browser(h, owner).get('/v1/portal/users'));
      assert.deepEqual(after.invitations, []);
      assert.deepEqual(after.items.map((u: any) => u.role), ['owner', 'viewer']);
      assert.equal((await logOn(h, email)).statusCode, 200);

      assertProblem(await browser(h, owner).post('/v1/portal/invitations', { email, role: 'admin' }), 409, 'ALREADY_EXISTS', 'inviting an existing account');
    });

    test('an invitation sent again keeps its role, with a new link valid 7 days; the old link stops working; only its organisation sends it', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Lost Mail Clinic');
      const owner = await registerAccount(h, customer, { name: 'Owner Person' });
      const email = uniqueEmail('spam-folder');
      await browser(h, owner).post('/v1/portal/invitations', { email, role: 'admin' });
      const first = tokenInLink((await mailTo(h, email))[0].text_body, '/portal/accept-invitation');
      h.clock.advance(6 * DAY);
      const again = sessionOf(await logOn(h, owner.user.email));
      const stranger = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan], 'Another Clinic'));
      assertProblem(await browser(h, stranger).post(`/v1/portal/invitations/${encodeURIComponent(email)}/resend`, {}), 404, 'NOT_FOUND', 'another organisation\'s invitation');
      const resent = await browser(h, again).post(`/v1/portal/invitations/${encodeURIComponent(email.toUpperCase())}/resend`, {});
      assert.equal(resent.statusCode, 200, resent.body);
      assert.deepEqual(json(resent).invitation, { email, role: 'admin', expiresAt: new Date(h.clock.now() + 7 * DAY).toISOString() });
      const mails = await mailTo(h, email);
      assert.equal(mails.length, 2);
      assertProblem(await accept(first), 400, 'TOKEN_INVALID', 'the first mail\'s link');
      h.clock.advance(2 * DAY);
      const accepted = await accept(tokenInLink(mails[0].text_body, '/portal/accept-invitation'));
      assert.equal(accepted.statusCode, 201, 'the new link outlives the first one\'s 7 days');
      assert.equal(json(accepted).user.role, 'admin');
      const event = await h.database.db.selectFrom('events').select(['actor_id', 'customer_id']).where('type', '=', 'portal_user.invitation_resent').where('subject_id', '=', email).executeTakeFirstOrThrow();
      assert.deepEqual(event, { actor_id: owner.user.id, customer_id: customer.id });
      const later = sessionOf(await logOn(h, owner.user.email));
      assertProblem(await browser(h, later).post(`/v1/portal/invitations/${encodeURIComponent(email)}/resend`, {}), 404, 'NOT_FOUND', 'an accepted invitation');
    });

    test('an invitation expires after 7 days', async () => {
      const owner = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]));
      const email = uniqueEmail('late');
      await browser(h, owner).post('/v1/portal/invitations', { email, role: 'admin' });
      h.clock.advance(7 * DAY);
      assertProblem(await accept(tokenInLink((await mailTo(h, email))[0].text_body, '/portal/accept-invitation')), 400, 'TOKEN_INVALID', 'an expired invitation');
      const again = sessionOf(await logOn(h, owner.user.email));
      assert.deepEqual(json(await browser(h, again).get('/v1/portal/users')).invitations, [], 'an expired invitation is no longer listed');
    });

    test('a viewer sees the licenses and is refused every change with 403 FORBIDDEN', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const activated = json(await h.request({
        method: 'POST', url: '/v1/activations', headers: { authorization: customer.basic },
        payload: { product: DEMO.desktop.product, fingerprint: fingerprint('viewer-test'), hostName: 'front-pc', platform: 'win32', appVersion: '5.2.0' },
      }));
      const owner = await registerAccount(h, customer);
      const viewer = browser(h, await join(owner, 'viewer'));
      const licenses = await viewer.get('/v1/account/licenses');
      assert.equal(json(licenses).items[0].assignments[0].activation.hostName, 'front-pc');
      const reset = await viewer.delete(`/v1/account/assignments/${activated.activation.id}`, { reason: 'Trying' });
      assertProblem(reset, 403, 'FORBIDDEN', 'RESET LICENSE by a viewer');
      assert.match(json(reset).detail, /view only/);
      assertProblem(await viewer.post('/v1/account/licenses', { plan: DEMO.desktop.plan }), 403, 'FORBIDDEN', 'adding a license');
      assertProblem(await viewer.post('/v1/portal/invitations', { email: uniqueEmail(), role: 'viewer' }), 403, 'FORBIDDEN', 'inviting');
      assert.equal(json(await viewer.get('/v1/account/licenses')).items[0].assignments.length, 1, 'the seat is still held');
    });

    test('owners change roles and remove users; admins invite but do neither; the last owner stays', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const owner = await registerAccount(h, customer);
      const admin = await join(owner, 'admin');
      const viewer = await join(admin, 'viewer');
      const asOwner = browser(h, owner);

      assertProblem(await browser(h, admin).patch(`/v1/portal/users/${viewer.user.id}`, { role: 'admin' }), 403, 'FORBIDDEN', 'an admin changing a role');
      assertProblem(await browser(h, admin).delete(`/v1/portal/users/${viewer.user.id}`), 403, 'FORBIDDEN', 'an admin removing a user');

      const promoted = await asOwner.patch(`/v1/portal/users/${viewer.user.id}`, { role: 'admin' });
      assert.equal(json(promoted).user.role, 'admin');
      assert.equal(json(await browser(h, viewer).get('/v1/portal/session')).user.role, 'admin', 'a role change counts at once in a live session');

      assertProblem(await asOwner.patch(`/v1/portal/users/${owner.user.id}`, { role: 'admin' }), 409, 'INVALID_STATE', 'demoting the only owner');
      assertProblem(await asOwner.delete(`/v1/portal/users/${owner.user.id}`), 409, 'INVALID_STATE', 'removing the only owner');

      assert.equal((await asOwner.patch(`/v1/portal/users/${admin.user.id}`, { role: 'owner' })).statusCode, 200);
      assert.equal((await browser(h, admin).delete(`/v1/portal/users/${owner.user.id}`)).statusCode, 204, 'one owner removes another');
      assertProblem(await asOwner.get('/v1/portal/session'), 401, 'UNAUTHENTICATED', 'the removed user\'s session');
      assertProblem(await logOn(h, owner.user.email), 401, 'INVALID_CREDENTIALS', 'the removed user\'s log-on');

      const events = json(await browser(h, admin).get('/v1/account/events?limit=100')).items;
      const removed = events.find((e: any) => e.type === 'portal_user.removed');
      assert.deepEqual([removed.actor, removed.subjectId], [{ type: 'portal_user', id: admin.user.id }, owner.user.id]);
      assert.ok(events.some((e: any) => e.type === 'portal_user.role_changed' && e.data.to === 'owner'));

      // The address is free again for a new invitation.
      assert.equal((await browser(h, admin).post('/v1/portal/invitations', { email: owner.user.email, role: 'viewer' })).statusCode, 201);
    });
  });
}
