import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { seedCatalogWorld, type CatalogWorld } from '../testing/catalog-fixtures.ts';
import { DIALECTS, createHarness, type Harness } from '../testing/harness.ts';
import { CatalogImpactService } from './catalog-impact.service.ts';
import type { Impact } from './catalog-impact.types.ts';
import { getPlan } from './catalog.repository.ts';
import { createPolicy } from './catalog.service.ts';

type Subject = 'policy' | 'plan' | 'feature' | 'product';
type Ids = { desktopPolicy: string; strictPolicy: string; desktopPlan: string; plus: string; messages: string; engagement: string };

interface Case {
  name: string;
  subject: Subject;
  id: (ids: Ids) => string;
  patch: (ids: Ids) => object;
  /** Each consequence as `CODE:severity`, in order. */
  consequences: string[];
  allowed?: boolean;
  usage?: Partial<Impact['usage']>;
  /** Consequence code → the customer names (first word) or computer host names its items name, in order. */
  names?: Record<string, string[]>;
  values?: Record<string, Record<string, unknown>>;
}

const LEASE_SECONDS = (14 * DAY) / 1000;
const desktopPolicy = (ids: Ids) => ids.desktopPolicy;

const CASES: Case[] = [
  { name: 'tolerance 2 → 1: the computer that drifted by 2 components', subject: 'policy', id: desktopPolicy, patch: () => ({ fingerprintTolerance: 1 }),
    consequences: ['TOLERANCE_LOWERED:warning'], names: { TOLERANCE_LOWERED: ['ANNA-PC-w'] }, values: { TOLERANCE_LOWERED: { from: 2, to: 1, days: 90, computers: 1 } },
    usage: { plans: 1, customers: 4, licenses: 4, computers: 4, seats: 4 } },
  { name: 'tolerance 2 → 0: every computer that drifted', subject: 'policy', id: desktopPolicy, patch: () => ({ fingerprintTolerance: 0 }),
    consequences: ['TOLERANCE_LOWERED:warning'], names: { TOLERANCE_LOWERED: ['ANNA-PC-w', 'BERT-PC-w'] } },
  { name: 'tolerance raised, with more components needed', subject: 'policy', id: desktopPolicy, patch: () => ({ fingerprintTolerance: 3, minComponents: 5 }),
    consequences: ['TOLERANCE_RAISED:info', 'MIN_COMPONENTS_RAISED:warning'], names: { MIN_COMPONENTS_RAISED: ['CLEO-PC-w'] } },
  { name: 'more components needed: the computer that presents fewer', subject: 'policy', id: desktopPolicy, patch: () => ({ minComponents: 4 }),
    consequences: ['MIN_COMPONENTS_RAISED:warning'], names: { MIN_COMPONENTS_RAISED: ['CLEO-PC-w'] }, values: { MIN_COMPONENTS_RAISED: { computers: 1 } } },
  { name: 'minimum components lowered', subject: 'policy', id: desktopPolicy, patch: () => ({ minComponents: 0 }), consequences: ['MIN_COMPONENTS_LOWERED:info'] },
  { name: 'lease shortened: leases already issued keep their expiry', subject: 'policy', id: desktopPolicy, patch: () => ({ leaseSeconds: LEASE_SECONDS / 2 }),
    consequences: ['LEASE_SHORTENED:info'], values: { LEASE_SHORTENED: { from: LEASE_SECONDS, to: LEASE_SECONDS / 2, computers: 4 } } },
  { name: 'check-in interval lengthened', subject: 'policy', id: desktopPolicy, patch: () => ({ checkInIntervalSeconds: 7 * 86_400 }),
    consequences: ['CHECK_IN_INTERVAL_CHANGED:info'], values: { CHECK_IN_INTERVAL_CHANGED: { from: 3 * 86_400, to: 7 * 86_400 } } },
  { name: 'reset budget 3 → 2: the license that used 2', subject: 'policy', id: desktopPolicy, patch: () => ({ resetLimit: 2 }),
    consequences: ['RESET_BUDGET_LOWERED:warning'], names: { RESET_BUDGET_LOWERED: ['Dora'] }, values: { RESET_BUDGET_LOWERED: { exhausted: 1, fromLimit: 3, toLimit: 2 } } },
  { name: 'reset window shortened to 1 day: none lost', subject: 'policy', id: desktopPolicy, patch: () => ({ resetWindowSeconds: 86_400 }), consequences: ['RESET_BUDGET_RAISED:info'] },
  { name: 'resets turned off', subject: 'policy', id: desktopPolicy, patch: () => ({ resetLimit: 0 }), consequences: ['RESETS_TURNED_OFF:warning'], values: { RESETS_TURNED_OFF: { licenses: 4 } } },
  { name: 'term set', subject: 'policy', id: desktopPolicy, patch: () => ({ termDays: 365 }), consequences: ['TERM_CHANGED:info'], values: { TERM_CHANGED: { from: null, to: 365, licenses: 4 } } },
  { name: 'floating: seats freed without heartbeats, a lease of one heartbeat window', subject: 'policy', id: desktopPolicy, patch: () => ({ mode: 'floating' }),
    consequences: ['LEASE_SHORTENED:info', 'CHECK_IN_INTERVAL_CHANGED:info', 'MODE_CHANGED:warning'], values: { LEASE_SHORTENED: { to: 600 }, MODE_CHANGED: { to: 'floating', computers: 4 } } },
  { name: 'policy name only', subject: 'policy', id: desktopPolicy, patch: () => ({ name: 'Desktop (renamed)' }), consequences: ['NAME_ONLY:info'] },
  { name: 'a policy set to its own values', subject: 'policy', id: desktopPolicy, patch: () => ({ fingerprintTolerance: 2 }), consequences: ['NO_CHANGE:info'] },

  { name: 'price up by 10.00: the customers holding the plan, whose licenses keep their price', subject: 'plan', id: (ids) => ids.desktopPlan, patch: () => ({ priceCents: 3900 }),
    consequences: ['PRICE_CHANGED:info'], names: { PRICE_CHANGED: ['Anna', 'Bert', 'Cleo', 'Dora'] },
    values: { PRICE_CHANGED: { licenses: 4, customers: 4, perLicenseMonthlyCents: 1000, currency: 'CAD' } } },
  { name: 'monthly to yearly at the same amount', subject: 'plan', id: (ids) => ids.desktopPlan, patch: () => ({ period: 'year' }),
    consequences: ['PRICE_CHANGED:info'], values: { PRICE_CHANGED: { perLicenseMonthlyCents: Math.round(2900 / 12 - 2900), fromPeriod: 'month', toPeriod: 'year' } } },
  { name: 'a slot in use removed: refused', subject: 'plan', id: (ids) => ids.plus,
    patch: () => ({ slots: [{ feature: DEMO.engagement.features.messages, quantity: 1 }, { feature: DEMO.engagement.features.reminders, quantity: 1 }] }),
    consequences: ['SLOTS_OVER_CAPACITY:blocking'], allowed: false, names: { SLOTS_OVER_CAPACITY: ['Bert'] }, values: { SLOTS_OVER_CAPACITY: { feature: 'online-booking', from: 1, to: 0, over: 1 } } },
  { name: 'a slot no one uses removed', subject: 'plan', id: (ids) => ids.plus,
    patch: () => ({ slots: [{ feature: DEMO.engagement.features.messages, quantity: 1 }, { feature: DEMO.engagement.features.booking, quantity: 1 }] }),
    consequences: ['SLOTS_REMOVED:warning'], allowed: true, values: { SLOTS_REMOVED: { feature: 'patient-reminders', seats: 2, customers: 2 } } },
  { name: 'slots added', subject: 'plan', id: (ids) => ids.plus,
    patch: () => ({ slots: [{ feature: DEMO.engagement.features.messages, quantity: 2 }, { feature: DEMO.engagement.features.reminders, quantity: 1 }, { feature: DEMO.engagement.features.booking, quantity: 1 }] }),
    consequences: ['SLOTS_ADDED:info'], values: { SLOTS_ADDED: { feature: 'patient-messages', from: 1, to: 2, seats: 2 } } },
  { name: 'currency changed for customers who hold other plans in CAD: refused', subject: 'plan', id: (ids) => ids.desktopPlan, patch: () => ({ currency: 'usd' }),
    consequences: ['CURRENCY_MIXED:blocking'], allowed: false, names: { CURRENCY_MIXED: ['Bert'] } },
  { name: 'plan renamed', subject: 'plan', id: (ids) => ids.plus, patch: () => ({ name: { fr: 'Plus (nouveau)' } }), consequences: ['RENAMED:info'], values: { RENAMED: { customers: 2 } },
    usage: { plans: 1, customers: 2, licenses: 2, seats: 1, computers: 0 } },
  { name: 'plan moved to a stricter policy', subject: 'plan', id: (ids) => ids.desktopPlan, patch: (ids) => ({ policyId: ids.strictPolicy }),
    consequences: ['POLICY_SWITCHED:info', 'TOLERANCE_LOWERED:warning'], names: { TOLERANCE_LOWERED: ['ANNA-PC-w', 'BERT-PC-w'] } },

  { name: 'feature renamed', subject: 'feature', id: (ids) => ids.messages, patch: () => ({ name: { en: 'Messages' } }), consequences: ['RENAMED:info'],
    values: { RENAMED: { customers: 2 } }, usage: { plans: 2, customers: 2, seats: 0 } },
  { name: 'product renamed', subject: 'product', id: (ids) => ids.engagement, patch: () => ({ name: 'Engagement' }), consequences: ['RENAMED:info'],
    usage: { plans: 2, customers: 2, licenses: 2, seats: 1 } },
  { name: 'product given its own name', subject: 'product', id: (ids) => ids.engagement, patch: () => ({ name: 'Patient Engagement' }), consequences: ['NO_CHANGE:info'] },
];

const itemName = (item: Impact['consequences'][number]['items'][number]) => item.computer?.hostName ?? item.customer.name.split(' ')[0];

for (const dialect of DIALECTS) {
  describe(`catalogue impact rules (${dialect})`, () => {
    let h: Harness;
    let service: CatalogImpactService;
    let world: CatalogWorld;
    let ids: Ids;
    let snapshot: () => Promise<string>;
    let before0: string;
    before(async () => {
      h = await createHarness(dialect);
      service = new CatalogImpactService(h.deps);
      world = await seedCatalogWorld(h, 'w');
      const { id: _id, productId: _p, ...settings } = h.catalog.desktopPolicy;
      const strict = await h.database.transaction((trx) => createPolicy(trx, h.catalog.desktop.id, { ...settings, name: 'Strict', fingerprintTolerance: 0 }, SYSTEM_ACTOR, h.clock.now()));
      const messages = (await h.database.db.selectFrom('features').select('id').where('code', '=', DEMO.engagement.features.messages).executeTakeFirstOrThrow()).id;
      ids = { desktopPolicy: h.catalog.desktopPolicy.id, strictPolicy: strict.id, desktopPlan: h.catalog.desktopPlan.id, plus: h.catalog.plus.id, messages, engagement: h.catalog.engagement.id };
      snapshot = async () => {
        const tables = ['products', 'features', 'policies', 'plans', 'plan_slots', 'plan_upgrades', 'events', 'licenses', 'assignments', 'activations'] as const;
        const rows = await Promise.all(tables.map((table) => h.database.db.selectFrom(table).selectAll().execute()));
        return JSON.stringify(rows.map((list) => list.map((row) => JSON.stringify(row)).sort()));
      };
      before0 = await snapshot();
    });
    after(() => h?.close());

    for (const c of CASES) {
      test(`${c.subject}: ${c.name} → ${c.consequences.join(', ')}`, async () => {
        const impact = await service[c.subject](c.id(ids), c.patch(ids) as never);
        assert.deepEqual(impact.consequences.map((q) => `${q.code}:${q.severity}`), c.consequences, impact.consequences.map((q) => q.message).join('\n'));
        assert.equal(impact.allowed, c.allowed ?? true);
        assert.equal(impact.changes.length === 0, c.consequences[0] === 'NO_CHANGE:info');
        for (const q of impact.consequences) assert.ok(q.message.length > 20 && !q.message.includes('undefined'), q.message);
        if (c.usage) assert.deepEqual({ ...impact.usage, ...c.usage }, impact.usage, JSON.stringify(impact.usage));
        for (const [code, names] of Object.entries(c.names ?? {})) {
          const q = impact.consequences.find((x) => x.code === code)!;
          assert.deepEqual(q.items.map(itemName), names);
          assert.equal(q.itemCount, names.length);
        }
        for (const [code, values] of Object.entries(c.values ?? {})) {
          const q = impact.consequences.find((x) => x.code === code)!;
          assert.deepEqual({ ...q.values, ...values }, q.values, `${code}: ${JSON.stringify(q.values)}`);
        }
      });
    }

    test('the drift named is the one that exceeds the new tolerance, with its components', async () => {
      const impact = await service.policy(ids.desktopPolicy, { fingerprintTolerance: 1 });
      const [item] = impact.consequences[0].items;
      assert.deepEqual({ components: item.components, count: item.count, limit: item.limit, customer: item.customer.id }, {
        components: ['board_serial', 'disk_serial'], count: 2, limit: 1, customer: world.anna.id,
      });
      assert.match(impact.consequences[0].message, /1 computer drifted by more than 1 component at one check-in in the last 90 days/);
    });

    test('settings that do not fit together are refused as the PATCH refuses them', async () => {
      await assert.rejects(service.policy(ids.desktopPolicy, { fingerprintTolerance: 3 }), (e: any) => e.code === 'VALIDATION_FAILED' && e.details.errors[0].field === 'body.fingerprintTolerance');
      await assert.rejects(service.plan(ids.plus, { slots: [{ feature: 'no-such-feature', quantity: 1 }] }), (e: any) => e.code === 'NOT_FOUND');
      await assert.rejects(service.plan('no-such-plan', { priceCents: 1 }), (e: any) => e.code === 'NOT_FOUND');
    });

    test('a preview changes nothing', async () => {
      assert.equal(await snapshot(), before0);
      assert.equal((await getPlan(h.database.db, ids.plus))!.slots.length, 3);
    });
  });
}
