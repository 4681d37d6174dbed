import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY } from '@leasehold/core';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';
import { mailTo, PASSWORD, tokenInLink } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';
import { asStaff, signInStaff, staffCookieOf, type StaffSessionFixture } from '../testing/staff-fixtures.ts';
import { totpCode } from './totp.ts';

const LINK = '/admin/accept-invitation';
let invited = 0;
const newAddress = (label: string) => `${label}-${++invited}-${Math.random().toString(36).slice(2, 7)}@vendor.test`;

for (const dialect of DIALECTS) {
  describe(`admin console: staff management (${dialect})`, () => {
    let h: Harness;
    let owner: StaffSessionFixture;
    before(async () => {
      h = await createHarness(dialect);
      owner = await signInStaff(h, 'owner');
    });
    after(() => h.close());

    const staffOf = async (id: string) => json(await asStaff(h, owner)('GET', '/v1/admin/staff')).items.find((s: any) => s.id === id);
    const accept = (token: string, password = PASSWORD) => h.request({ method: 'POST', url: '/v1/staff/invitations/accept', payload: { token, password } });
    const lastEvent = (type: string, subjectId: string) =>
      h.database.db.selectFrom('events').select(['actor_type', 'actor_id', 'data']).where('type', '=', type).where('subject_id', '=', subjectId).orderBy('id', 'desc').executeTakeFirstOrThrow();

    /** Invites the address and answers the token of the mailed link. */
    async function invite(email: string, role: string, locale = 'en', by: StaffSessionFixture = owner): Promise<string> {
      const response = await asStaff(h, by)('POST', '/v1/admin/staff/invitations', { email, name: `New ${role}`, role, locale });
      assert.equal(response.statusCode, 201, response.body);
      return tokenInLink((await mailTo(h, email))[0].text_body, LINK);
    }

    /** A member who joined by invitation, signed in from the link. */
    async function join(role: string): Promise<StaffSessionFixture> {
      const email = newAddress(role);
      const accepted = await accept(await invite(email, role));
      assert.equal(accepted.statusCode, 201, accepted.body);
      const body = json(accepted);
      return { staffId: body.staff.id, email, role: body.staff.role, cookie: staffCookieOf(accepted), csrfToken: body.csrfToken };
    }

    test('an owner invites by email; the mail is in the invitee\'s language; the link sets the password once and signs in', async () => {
      const email = newAddress('support');
      const sent = await asStaff(h, owner)('POST', '/v1/admin/staff/invitations', { email: email.toUpperCase(), name: 'Robin Support', role: 'support', locale: 'fr' });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.deepEqual(json(sent).invitation, {
        email, name: 'Robin Support', role: 'support', invitedAt: new Date(h.clock.now()).toISOString(), expiresAt: new Date(h.clock.now() + 3 * DAY).toISOString(),
      });

      const [mail] = await mailTo(h, email);
      assert.deepEqual([mail.to_address, mail.template, mail.locale, mail.customer_id], [email, 'staff_invitation', 'fr', null]);
      assert.equal(mail.subject, 'Staff owner vous invite à la console d\'administration Leasehold');
      assert.match(mail.text_body, /Bonjour Robin Support,/);
      assert.match(mail.text_body, /leasehold\.test avec le rôle Soutien/);
      assert.match(mail.text_body, /Choisir mon mot de passe: http:\/\/leasehold\.test\/admin\/accept-invitation\?token=lh_staff_invite_/);
      const listed = json(await asStaff(h, owner)('GET', '/v1/admin/staff'));
      assert.deepEqual(listed.invitations.map((i: any) => [i.email, i.name, i.role]), [[email, 'Robin Support', 'support']]);
      assert.equal(listed.items.some((s: any) => s.email === email), false, 'no account before the link is used');

      const token = tokenInLink(mail.text_body, LINK);
      assertProblem(await accept(token, 'short'), 400, 'VALIDATION_FAILED', 'a password under 10 characters');
      const accepted = await accept(token);
      assert.equal(accepted.statusCode, 201, accepted.body);
      assert.deepEqual([json(accepted).staff.email, json(accepted).staff.name, json(accepted).staff.role, json(accepted).changes.length > 0], [email, 'Robin Support', 'support', true]);
      const session = { cookie: staffCookieOf(accepted), csrfToken: json(accepted).csrfToken };
      assert.equal((await asStaff(h, session)('GET', '/v1/admin/dashboard')).statusCode, 200, 'the new member is signed in');
      assertProblem(await accept(token), 400, 'TOKEN_INVALID', 'the link used twice');
      const member = json(accepted).staff;
      assert.deepEqual(await lastEvent('staff.invitation_accepted', member.id), { actor_type: 'staff', actor_id: member.id, data: JSON.stringify({ email, role: 'support' }) });
      assert.deepEqual((await lastEvent('staff.invited', email)).actor_id, owner.staffId);

      const after = json(await asStaff(h, owner)('GET', '/v1/admin/staff'));
      assert.deepEqual(after.invitations, []);
      assert.deepEqual(after.items.find((s: any) => s.email === email), { ...member, lastLoginAt: new Date(h.clock.now()).toISOString(), disabledAt: null });
      assert.equal((await h.request({ method: 'POST', url: '/v1/staff/logon', payload: { email, password: PASSWORD } })).statusCode, 200, 'signs in with the chosen password');
      assertProblem(await asStaff(h, owner)('POST', '/v1/admin/staff/invitations', { email, name: 'Again', role: 'owner' }), 409, 'ALREADY_EXISTS', 'inviting an existing account');
    });

    test('an invitation expires after 3 days; a new one replaces the old link; a cancelled one stops working', async () => {
      const late = newAddress('late');
      const expired = await invite(late, 'read_only');
      h.clock.advance(3 * DAY);
      assertProblem(await accept(expired), 400, 'TOKEN_INVALID', 'an expired invitation');
      owner = await signInStaff(h, 'owner'); // the owner's session ended too, idle for days
      assert.equal(json(await asStaff(h, owner)('GET', '/v1/admin/staff')).invitations.some((i: any) => i.email === late), false, 'no longer listed');

      const twice = newAddress('twice');
      const first = await invite(twice, 'support');
      const second = await invite(twice, 'read_only', 'en');
      assertProblem(await accept(first), 400, 'TOKEN_INVALID', 'the replaced link');
      assert.equal(json(await accept(second)).staff.role, 'read_only', 'the newest invitation\'s role');

      const cancelled = newAddress('cancelled');
      const token = await invite(cancelled, 'owner');
      assert.equal((await asStaff(h, owner)('DELETE', `/v1/admin/staff/invitations/${encodeURIComponent(cancelled)}`)).statusCode, 204);
      assertProblem(await accept(token), 400, 'TOKEN_INVALID', 'a cancelled invitation');
      assertProblem(await asStaff(h, owner)('DELETE', `/v1/admin/staff/invitations/${encodeURIComponent(cancelled)}`), 404, 'NOT_FOUND', 'cancelling twice');
      assert.equal((await lastEvent('staff.invitation_cancelled', cancelled)).actor_id, owner.staffId);
      assertProblem(await accept('lh_staff_invite_not-a-token'), 400, 'TOKEN_INVALID', 'a made-up token');
    });

    test('a pending invitation sent again keeps its name, role and language, with a new link; the old one stops working', async () => {
      const email = newAddress('lost-mail');
      const first = await invite(email, 'support', 'fr');
      h.clock.advance(2 * DAY);
      owner = await signInStaff(h, 'owner');
      const resent = await asStaff(h, owner)('POST', `/v1/admin/staff/invitations/${encodeURIComponent(email.toUpperCase())}/resend`);
      assert.equal(resent.statusCode, 200, resent.body);
      assert.deepEqual(json(resent).invitation, {
        email, name: 'New support', role: 'support', invitedAt: new Date(h.clock.now()).toISOString(), expiresAt: new Date(h.clock.now() + 3 * DAY).toISOString(),
      }, 'valid for the full three days from now');
      const mails = await mailTo(h, email);
      assert.equal(mails.length, 2);
      const latest = mails.find((m) => !m.text_body.includes(first))!;
      assert.equal(latest.locale, 'fr', 'in the language of the first invitation');
      assert.equal((await lastEvent('staff.invitation_resent', email)).actor_id, owner.staffId);
      assertProblem(await accept(first), 400, 'TOKEN_INVALID', 'the link of the first mail');
      const accepted = await accept(tokenInLink(latest.text_body, LINK));
      assert.equal(json(accepted).staff.role, 'support');
      assertProblem(await asStaff(h, owner)('POST', `/v1/admin/staff/invitations/${encodeURIComponent(email)}/resend`), 404, 'NOT_FOUND', 'an accepted invitation');
    });

    test('the last active owner can be neither demoted nor disabled; nobody disables themself', async () => {
      const h2 = await createHarness(dialect);
      try {
        const only = await signInStaff(h2, 'owner');
        const api = adminClient(h2);
        for (const [method, url, body] of [['PATCH', `/v1/admin/staff/${only.staffId}`, { role: 'support' }], ['POST', `/v1/admin/staff/${only.staffId}/disable`, undefined]] as const) {
          const refused = await api.send(method, url, body);
          assertProblem(refused, 409, 'INVALID_STATE', `${method} ${url} of the only owner`);
          assert.match(json(refused).detail, /last active owner.*Make another staff member an owner first/);
        }
        assertProblem(await asStaff(h2, only)('PATCH', `/v1/admin/staff/${only.staffId}`, { role: 'read_only' }), 409, 'INVALID_STATE', 'the only owner demoting themself');
        const self = await asStaff(h2, only)('POST', `/v1/admin/staff/${only.staffId}/disable`);
        assertProblem(self, 409, 'INVALID_STATE', 'disabling oneself');
        assert.match(json(self).detail, /cannot disable your own account/);

        const second = await signInStaff(h2, 'support');
        assert.equal((await asStaff(h2, only)('PATCH', `/v1/admin/staff/${second.staffId}`, { role: 'owner' })).statusCode, 200);
        const demoted = await asStaff(h2, second)('PATCH', `/v1/admin/staff/${only.staffId}`, { role: 'read_only' });
        assert.equal(json(demoted).role, 'read_only', 'with another owner, an owner can be demoted');
        const event = await h2.database.db.selectFrom('events').select(['actor_type', 'actor_id', 'data']).where('type', '=', 'staff.role_changed').where('subject_id', '=', only.staffId).executeTakeFirstOrThrow();
        assert.deepEqual(event, { actor_type: 'staff', actor_id: second.staffId, data: JSON.stringify({ from: 'owner', to: 'read_only' }) });
        assertProblem(await asStaff(h2, second)('POST', `/v1/admin/staff/${second.staffId}/disable`), 409, 'INVALID_STATE', 'the last owner again');
        assertProblem(await api.send('PATCH', '/v1/admin/staff/no-such-staff', { role: 'owner' }), 404, 'NOT_FOUND', 'an unknown id');
      } finally {
        await h2.close();
      }
    });

    test('two owners disabling each other at once leave one of them active', async () => {
      const h2 = await createHarness(dialect);
      try {
        const [a, b] = [await signInStaff(h2, 'owner'), await signInStaff(h2, 'owner')];
        const answers = await Promise.all([
          asStaff(h2, a)('POST', `/v1/admin/staff/${b.staffId}/disable`),
          asStaff(h2, b)('POST', `/v1/admin/staff/${a.staffId}/disable`),
        ]);
        const statuses = answers.map((r) => r.statusCode).sort();
        assert.equal(statuses[0], 200, answers.map((r) => r.body).join('\n'));
        assert.ok([401, 409].includes(statuses[1]), `the other is refused (its session ended, or the last owner stays): ${statuses[1]}`);
        const active = await h2.database.db.selectFrom('staff_users').select('id').where('role', '=', 'owner').where('disabled_at', 'is', null).execute();
        assert.equal(active.length, 1);
      } finally {
        await h2.close();
      }
    });

    test('a disabled account\'s sessions end at once, it cannot sign in; enabled, it signs in with new sessions only', async () => {
      const member = await join('support');
      assert.equal((await asStaff(h, member)('GET', '/v1/admin/dashboard')).statusCode, 200);
      const disabled = await asStaff(h, owner)('POST', `/v1/admin/staff/${member.staffId}/disable`);
      assert.equal(disabled.statusCode, 200, disabled.body);
      assert.equal(json(disabled).disabledAt, new Date(h.clock.now()).toISOString());
      assertProblem(await asStaff(h, member)('GET', '/v1/admin/dashboard'), 401, 'UNAUTHENTICATED', 'the disabled member\'s session');
      assertProblem(await asStaff(h, member)('GET', '/v1/staff/session'), 401, 'UNAUTHENTICATED', 'their own session route');
      assertProblem(await h.request({ method: 'POST', url: '/v1/staff/logon', payload: { email: member.email, password: PASSWORD } }), 401, 'INVALID_CREDENTIALS', 'signing in while disabled');
      assert.deepEqual(await lastEvent('staff.disabled', member.staffId), { actor_type: 'staff', actor_id: owner.staffId, data: JSON.stringify({ email: member.email }) });
      assert.equal((await asStaff(h, owner)('POST', `/v1/admin/staff/${member.staffId}/disable`)).statusCode, 200, 'disabling twice changes nothing');
      assert.equal((await h.database.db.selectFrom('events').select('id').where('type', '=', 'staff.disabled').where('subject_id', '=', member.staffId).execute()).length, 1);
      assertProblem(await asStaff(h, owner)('POST', '/v1/admin/staff/invitations', { email: member.email, name: 'Back', role: 'support' }), 409, 'ALREADY_EXISTS', 'inviting a disabled account');

      const enabled = await asStaff(h, owner)('POST', `/v1/admin/staff/${member.staffId}/enable`);
      assert.equal(json(enabled).disabledAt, null);
      assertProblem(await asStaff(h, member)('GET', '/v1/admin/dashboard'), 401, 'UNAUTHENTICATED', 'the old session after enabling');
      assert.equal((await h.request({ method: 'POST', url: '/v1/staff/logon', payload: { email: member.email, password: PASSWORD } })).statusCode, 200);
      assert.equal((await lastEvent('staff.enabled', member.staffId)).actor_id, owner.staffId);
    });

    test('resetting two-step sign-in lets someone who lost their phone sign in with the password, then enrol again', async () => {
      const member = await join('read_only');
      const begun = json(await asStaff(h, member)('POST', '/v1/staff/totp'));
      assert.equal((await asStaff(h, member)('POST', '/v1/staff/totp/confirm', { code: totpCode(begun.secret, h.clock.now()) })).statusCode, 200);
      h.clock.advance(60_000);
      const logon = () => h.request({ method: 'POST', url: '/v1/staff/logon', payload: { email: member.email, password: PASSWORD } });
      assertProblem(await logon(), 401, 'TOTP_REQUIRED', 'before the reset');
      assert.equal((await staffOf(member.staffId)).totpEnabled, true);

      const reset = await asStaff(h, owner)('POST', `/v1/admin/staff/${member.staffId}/reset-totp`);
      assert.equal(reset.statusCode, 200, reset.body);
      assert.equal(json(reset).totpEnabled, false);
      assert.equal((await logon()).statusCode, 200, 'the password alone signs in');
      assert.deepEqual(await lastEvent('staff.totp_reset', member.staffId), { actor_type: 'staff', actor_id: owner.staffId, data: JSON.stringify({ email: member.email }) });
      const again = json(await asStaff(h, member)('POST', '/v1/staff/totp'));
      assert.notEqual(again.secret, begun.secret, 'a new secret to enrol');
    });

    test('an admin API key manages staff too, with its own actor', async () => {
      const api = adminClient(h);
      const email = newAddress('by-key');
      const sent = await api.send('POST', '/v1/admin/staff/invitations', { email, name: 'Key Invitee', role: 'read_only' });
      assert.equal(sent.statusCode, 201, sent.body);
      const [mail] = await mailTo(h, email);
      assert.deepEqual([mail.locale, mail.subject], ['en', 'Your invitation to the Leasehold admin console']);
      assert.equal((await lastEvent('staff.invited', email)).actor_type, 'admin_key');
    });
  });
}
