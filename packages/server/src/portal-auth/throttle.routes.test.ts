import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MINUTE } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { logOn, registerAccount, uniqueEmail } from '../testing/portal-fixtures.ts';
import { assertProblem } from '../testing/security.ts';
import { delayFor, THROTTLE } from './throttle.service.ts';

let addresses = 0;
const newIp = () => `10.1.${Math.floor(++addresses / 250)}.${addresses % 250}`;

for (const dialect of DIALECTS) {
  describe(`client portal: log-on throttling (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('after 5 failures an email is answered more slowly, the 10th locks it for 15 minutes with a message saying so', async () => {
      const account = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]));
      for (let attempt = 1; attempt < THROTTLE.lockAfter; attempt++) {
        const started = performance.now();
        // A new address each time: this is the email's own count.
        assertProblem(await logOn(h, account.user.email, `wrong password ${attempt}`, newIp()), 401, 'INVALID_CREDENTIALS', `failure ${attempt}`);
        const expected = delayFor(attempt - 1);
        assert.ok(performance.now() - started >= expected, `attempt ${attempt} waits at least ${expected} ms`);
        if (attempt <= THROTTLE.slowAfter) assert.equal(expected, 0);
        else assert.ok(expected > 0, `attempt ${attempt} is slowed`);
      }
      const locking = await logOn(h, account.user.email, 'wrong again', newIp());
      assertProblem(locking, 429, 'LOGON_LOCKED', 'the 10th failure');
      assert.equal(json(locking).retryAfterSeconds, 15 * 60);
      assert.match(json(locking).detail, /Wait 15 minutes and try again, or reset your password/);
      assert.equal(locking.headers['retry-after'], '900');

      h.clock.advance(5 * MINUTE);
      const right = await logOn(h, account.user.email, undefined, newIp());
      assertProblem(right, 429, 'LOGON_LOCKED', 'the right password while locked');
      assert.equal(json(right).retryAfterSeconds, 10 * 60);
      assert.match(json(right).detail, /Wait 10 minutes/);

      h.clock.advance(10 * MINUTE);
      assert.equal((await logOn(h, account.user.email, undefined, newIp())).statusCode, 200, 'in again after 15 minutes');
    });

    test('a log-on clears the email\'s count; failures older than 15 minutes no longer count', async () => {
      const account = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]));
      const fail = async (n: number) => {
        for (let i = 0; i < n; i++) assertProblem(await logOn(h, account.user.email, 'nope nope nope', newIp()), 401, 'INVALID_CREDENTIALS');
      };
      await fail(4);
      assert.equal((await logOn(h, account.user.email, undefined, newIp())).statusCode, 200);
      // Without the clearing, the 6th of these would be the 10th failure and lock.
      await fail(THROTTLE.lockAfter - 1);
      h.clock.advance(16 * MINUTE);
      await fail(1);
      assert.equal((await logOn(h, account.user.email, undefined, newIp())).statusCode, 200, 'never 10 failures within one window');
    });

    test('one client address failing on many emails is locked too, and only that address', async () => {
      const account = await registerAccount(h, await seedCustomer(h, [DEMO.desktop.plan]));
      const ip = newIp();
      for (let i = 1; i < THROTTLE.lockAfter; i++) assertProblem(await logOn(h, uniqueEmail('guess'), 'password123456', ip), 401, 'INVALID_CREDENTIALS');
      assertProblem(await logOn(h, uniqueEmail('guess'), 'password123456', ip), 429, 'LOGON_LOCKED', 'the address\'s 10th failure');
      assertProblem(await logOn(h, account.user.email, undefined, ip), 429, 'LOGON_LOCKED', 'any account from the locked address');
      assert.equal((await logOn(h, account.user.email, undefined, newIp())).statusCode, 200, 'the account from elsewhere');
    });

    test('a customer number is throttled and locked the same way, with the registration hint', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const attempt = (registrationKey: string) => h.request({
        method: 'POST', url: '/v1/portal/logon/registration', remoteAddress: newIp(),
        payload: { customerNumber: customer.registration.customerNumber, registrationKey },
      });
      for (let i = 1; i < THROTTLE.lockAfter; i++) assertProblem(await attempt(`WRONG-KEY-${i}`), 401, 'INVALID_CREDENTIALS');
      const locked = await attempt('WRONG-KEY-10');
      assertProblem(locked, 429, 'LOGON_LOCKED');
      assert.match(json(locked).detail, /I don't know my registration details/);
      assertProblem(await attempt(customer.registration.registrationKey), 429, 'LOGON_LOCKED', 'the right key while locked');
      const events = await h.database.db.selectFrom('events').select('type').where('customer_id', '=', customer.id).where('type', 'like', 'customer.registration_logon%').execute();
      assert.equal(events.filter((e) => e.type === 'customer.registration_logon_failed').length, THROTTLE.lockAfter - 1);
      assert.equal(events.filter((e) => e.type === 'customer.registration_logon_locked').length, 1);
      h.clock.advance(15 * MINUTE);
      assert.equal((await attempt(customer.registration.registrationKey)).statusCode, 200);
    });
  });
}

// Which X-Forwarded-For entry is the client is decided in HTTP, before any database: one dialect suffices.
describe('client portal: log-on throttling behind reverse proxies', () => {
  const PROXY = '10.0.0.2';
  const logOnVia = (h: Harness, peer: string, forwardedFor: string, email = uniqueEmail('guess')) => h.request({
    method: 'POST', url: '/v1/portal/logon', remoteAddress: peer, headers: { 'x-forwarded-for': forwardedFor },
    payload: { email, password: 'password123456' },
  });

  test('behind one proxy, a client rotating the left-most X-Forwarded-For entry is still locked by the address the proxy saw', async () => {
    const h = await createHarness('sqlite', { config: { trustProxy: 1 } });
    try {
      const client = newIp();
      for (let i = 1; i < THROTTLE.lockAfter; i++) assertProblem(await logOnVia(h, PROXY, `1.2.3.${i}, ${client}`), 401, 'INVALID_CREDENTIALS', `failure ${i}`);
      assertProblem(await logOnVia(h, PROXY, `1.2.3.99, ${client}`), 429, 'LOGON_LOCKED', 'the real client\'s 10th failure');
      assertProblem(await logOnVia(h, PROXY, client), 429, 'LOGON_LOCKED', 'without a left-most entry');
      assertProblem(await logOnVia(h, PROXY, `1.2.3.100, ${newIp()}`), 401, 'INVALID_CREDENTIALS', 'another client through the same proxy');
    } finally {
      await h.close();
    }
  });

  test('with the proxy\'s address, a peer that is not the proxy has its X-Forwarded-For ignored', async () => {
    const h = await createHarness('sqlite', { config: { trustProxy: [PROXY] } });
    try {
      const direct = newIp();
      for (let i = 1; i < THROTTLE.lockAfter; i++) assertProblem(await logOnVia(h, direct, `1.2.3.${i}`), 401, 'INVALID_CREDENTIALS', `failure ${i}`);
      assertProblem(await logOnVia(h, direct, '1.2.3.99'), 429, 'LOGON_LOCKED', 'the peer\'s own 10th failure');
      const behind = newIp();
      for (let i = 1; i < THROTTLE.lockAfter; i++) assertProblem(await logOnVia(h, PROXY, `1.2.3.${i}, ${behind}`), 401, 'INVALID_CREDENTIALS', `failure ${i} through the proxy`);
      assertProblem(await logOnVia(h, PROXY, `1.2.3.99, ${behind}`), 429, 'LOGON_LOCKED', 'the client behind the proxy');
      assertProblem(await logOnVia(h, PROXY, newIp()), 401, 'INVALID_CREDENTIALS', 'the proxy itself is not locked');
    } finally {
      await h.close();
    }
  });
});
