import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';
import { PASSWORD, uniqueEmail } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';
import { passwordWork } from './password.ts';

// Each unauthenticated route that sets a password, with a made-up token, and its answer of before.
const BOGUS = [
  {
    what: 'a password reset confirm', url: '/v1/portal/password-reset/confirm',
    payload: { token: 'lh_reset_madeup0000000000000000000000000000', password: PASSWORD },
    detail: 'This password reset link has expired or was already used. Ask for a new one with "Forgot your password?".',
  },
  {
    what: 'a registration', url: '/v1/portal/register',
    payload: { registrationTicket: 'lh_ticket_madeup000000000000000000000000000', name: 'Nobody', email: uniqueEmail(), password: PASSWORD, locale: 'en' },
    detail: 'This registration ticket has expired or was already used. Log on with your registration details again.',
  },
  {
    what: 'a portal invitation accept', url: '/v1/portal/invitations/accept',
    payload: { token: 'lh_invite_madeup000000000000000000000000000', name: 'Nobody', password: PASSWORD, locale: 'en' },
    detail: 'This invitation has expired or was already used. Ask the person who invited you for a new one.',
  },
  {
    what: 'a staff invitation accept', url: '/v1/staff/invitations/accept',
    payload: { token: 'lh_staff_invite_madeup000000000000000000000', password: PASSWORD },
    detail: 'This invitation has expired, was cancelled or was already used. Ask an owner of the admin console for a new one.',
  },
];

for (const dialect of DIALECTS) {
  describe(`a made-up token costs no password hashing (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    for (const route of BOGUS) {
      test(`${route.what} is refused as before, without argon2 work`, async () => {
        const started = passwordWork.started;
        const answer = await h.request({ method: 'POST', url: route.url, payload: route.payload });
        assertProblem(answer, 400, 'TOKEN_INVALID', route.what);
        assert.equal(json(answer).detail, route.detail);
        assert.equal(passwordWork.started, started, `${route.what} hashed nothing`);
      });
    }
  });
}
