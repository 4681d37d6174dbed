import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY, resourceHealth } from '@leasehold/core';
import type { LeaseholdDatabase } from '@leasehold/db';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../app.ts';
import { listEvents } from '../events/event.repository.ts';
import { listCustomerLicenses } from '../licenses/license.repository.ts';
import { loadPlans } from '../catalog/catalog.repository.ts';
import { listCustomerResources } from '../resources/resource.repository.ts';
import { createSigner } from '../signing/signing.service.ts';
import { DIALECTS, TEST_SECRETS, TestClock, openTestDatabase } from '../testing/harness.ts';
import { demoSeedable, seedDemo, type DemoCredentials } from './demo.ts';

for (const dialect of DIALECTS) {
  describe(`demo seed (${dialect})`, () => {
    const clock = new TestClock();
    let database: LeaseholdDatabase;
    let cleanup: () => Promise<void>;
    let demo: DemoCredentials;
    let app: FastifyInstance;
    before(async () => {
      ({ database, cleanup } = await openTestDatabase(dialect));
      assert.equal(await demoSeedable(database.db), true);
      demo = await seedDemo(database, clock, TEST_SECRETS);
      app = await createApp({ database, clock, signer: await createSigner(database, clock, TEST_SECRETS), secrets: TEST_SECRETS, config: { publicUrl: 'http://leasehold.test', bodyLimit: 65_536, logLevel: 'silent' } });
    });
    after(async () => {
      await app.close();
      await cleanup();
    });

    test('the clinic holds 2 desktop, 1 Basic and 2 Plus licenses', async () => {
      const plans = await loadPlans(database.db);
      const codes = (await listCustomerLicenses(database.db, demo.customer.id)).map((l) => plans.get(l.planId)!.code).sort();
      assert.deepEqual(codes, ['desktop-standard', 'desktop-standard', 'engagement-basic', 'engagement-plus', 'engagement-plus']);
    });

    test('one provider and one schedule in each health state, and the reception computer', async () => {
      const resources = await listCustomerResources(database.db, demo.customer.id);
      const tally: Record<string, number> = {};
      for (const r of resources) tally[`${r.kind} ${resourceHealth(r)}`] = (tally[`${r.kind} ${resourceHealth(r)}`] ?? 0) + 1;
      assert.deepEqual(tally, {
        'machine ok': 1,
        'provider ok': 1, 'provider not_synchronised': 1, 'provider unreachable': 1, 'provider missing': 1,
        'schedule ok': 1, 'schedule not_synchronised': 1, 'schedule unreachable': 1, 'schedule missing': 1,
      });
    });

    test('the activation tables: one desktop license unused, one message slot to allocate, an orphaned booking seat', async () => {
      // What a person does with the printed registration details: log on to the client portal the first time and register.
      const logon = await app.inject({ method: 'POST', url: '/v1/portal/logon/registration', payload: { customerNumber: demo.customer.number, registrationKey: demo.customer.registrationKey } });
      assert.equal(logon.statusCode, 200, logon.body);
      const registered = await app.inject({
        method: 'POST', url: '/v1/portal/register',
        payload: { registrationTicket: JSON.parse(logon.body).registrationTicket, name: 'Demo Manager', email: 'manager@demo.test', password: 'correct horse battery staple', locale: 'en' },
      });
      assert.equal(registered.statusCode, 201, registered.body);
      const cookie = [registered.headers['set-cookie']].flat().find((c) => c?.startsWith('lh_portal='))!.split(';')[0];
      const response = await app.inject({ method: 'GET', url: '/v1/account/pools', headers: { cookie } });
      assert.equal(response.statusCode, 200, response.body);
      const pools = Object.fromEntries(JSON.parse(response.body).items.map((p: any) => [p.feature.code, [p.capacity, p.assigned, p.unassigned]]));
      assert.deepEqual(pools, { desktop: [2, 1, 1], 'patient-messages': [3, 2, 1], 'patient-reminders': [3, 3, 0], 'online-booking': [2, 2, 0] });
      const booking = JSON.parse(response.body).items.find((p: any) => p.feature.code === 'online-booking');
      assert.ok(booking.rows.some((row: any) => row.resource.health === 'missing'), 'a seat still paid for on a schedule that is gone');
    });

    test('the computer\'s history has its activation and one drift, naming the replaced disk', async () => {
      const events = await listEvents(database.db, { customerId: demo.customer.id, typePrefix: 'activation.', limit: 50 });
      assert.deepEqual(events.map((e) => e.type).sort(), ['activation.checked_in', 'activation.created', 'activation.drifted']);
      const drift = events.find((e) => e.type === 'activation.drifted')!;
      assert.deepEqual(drift.data.changed, ['disk_serial']);
      assert.equal(drift.createdAt, clock.now() - 2 * DAY);
    });

    test('every change has its event, in the order a month of use would make them', async () => {
      const events = (await listEvents(database.db, { limit: 500 })).reverse();
      const count = (type: string) => events.filter((e) => e.type === type).length;
      const expected: Record<string, number> = {
        'customer.created': 1, 'license.issued': 5, 'admin_key.created': 1, 'integration_key.created': 1,
        'resource.reported': 8, 'assignment.created': 7, 'resource.health_changed': 6, 'activation.created': 1, 'activation.drifted': 1,
      };
      for (const [type, n] of Object.entries(expected)) assert.equal(count(type), n, type);
      const story = ['customer.created', 'resource.reported', 'assignment.created', 'activation.created', 'activation.drifted', 'resource.health_changed'];
      const firsts = story.map((type) => events.findIndex((e) => e.type === type));
      assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b), `the history reads ${story.join(', ')}`);
    });

    test('the admin API key and the integration key it printed work', async () => {
      const audit = await app.inject({ method: 'GET', url: '/v1/admin/events?type=activation.drifted', headers: { authorization: `Bearer ${demo.adminApiKey}` } });
      assert.equal(audit.statusCode, 200, audit.body);
      assert.equal(JSON.parse(audit.body).items.length, 1);
      const bridge = await app.inject({ method: 'GET', url: '/v1/integration/resources', headers: { authorization: `Bearer ${demo.integrationKey}` } });
      assert.equal(bridge.statusCode, 200, bridge.body);
      assert.equal(JSON.parse(bridge.body).items.length, 8);
    });

    test('a second seed is refused and changes nothing', async () => {
      const before = (await listEvents(database.db, { limit: 500 })).length;
      assert.equal(await demoSeedable(database.db), false);
      await assert.rejects(seedDemo(database, clock, TEST_SECRETS), { code: 'CONFLICT', message: /already has customers or products/ });
      assert.equal((await listEvents(database.db, { limit: 500 })).length, before);
    });
  });
}
