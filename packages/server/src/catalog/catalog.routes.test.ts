import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';

const policyBody = (product: string) => ({
  product, name: 'Floating, 1-day lease', mode: 'floating', checkInIntervalSeconds: 3600, leaseSeconds: 86_400,
  fingerprintTolerance: 1, minComponents: 3, resetLimit: 2, resetWindowSeconds: 30 * 86_400, heartbeatSeconds: 600, termDays: 365,
});

for (const dialect of DIALECTS) {
  describe(`admin API: catalogue (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
    });
    after(() => h.close());

    test('product: create, get by id and code, list, rename, with events by the admin key', async () => {
      const product = await admin.create('/v1/admin/products', { code: 'lab-suite', name: 'Lab Suite' });
      assert.equal(product.code, 'lab-suite');
      assert.ok(product.fingerprintSalt.length >= 16);
      assert.deepEqual(await admin.ok('GET', `/v1/admin/products/${product.id}`), product);
      assert.deepEqual(await admin.ok('GET', '/v1/admin/products/lab-suite'), product);
      const list = await admin.ok('GET', '/v1/admin/products');
      assert.ok(list.items.some((p: any) => p.id === product.id));
      assert.equal(list.nextCursor, null);

      const renamed = await admin.ok('PATCH', `/v1/admin/products/${product.id}`, { name: 'Lab Suite 2' });
      assert.equal(renamed.name, 'Lab Suite 2');
      const event = await admin.lastEvent('product.updated', product.id);
      assert.equal(event.subjectId, product.id);
      assert.deepEqual(event.actor, { type: 'admin_key', id: event.actor.id, name: 'test' });
      assert.ok(event.actor.id);
      assert.deepEqual(event.data.changes, { name: { from: 'Lab Suite', to: 'Lab Suite 2' } });
      assert.equal((await admin.lastEvent('product.created', product.id)).actor.type, 'admin_key');

      assertProblem(await admin.send('POST', '/v1/admin/products', { code: 'lab-suite', name: 'Again' }), 409, 'ALREADY_EXISTS');
    });

    test('feature: create, get, list by product, rename in both languages', async () => {
      await admin.create('/v1/admin/products', { code: 'feat-product', name: 'Feature product' });
      const feature = await admin.create('/v1/admin/features', { product: 'feat-product', code: 'scanner', name: { en: 'Scanner' }, seatKind: 'machine' });
      assert.deepEqual(feature.name, { en: 'Scanner' });
      assert.deepEqual(await admin.ok('GET', `/v1/admin/features/${feature.id}`), feature);
      const listed = await admin.ok('GET', '/v1/admin/features?product=feat-product');
      assert.deepEqual(listed.items.map((f: any) => f.code), ['scanner']);

      const renamed = await admin.ok('PATCH', `/v1/admin/features/${feature.id}`, { name: { fr: 'Numériseur' } });
      assert.deepEqual(renamed.name, { en: 'Scanner', fr: 'Numériseur' });
      h.clock.advance(1000); // events of the same millisecond have no order among themselves
      const cleared = await admin.ok('PATCH', `/v1/admin/features/${feature.id}`, { name: { en: 'Document scanner', fr: null } });
      assert.deepEqual(cleared.name, { en: 'Document scanner' });
      const event = await admin.lastEvent('feature.updated', feature.id);
      assert.equal(event.actor.type, 'admin_key');
      assert.deepEqual(event.data.changes.name, { from: { en: 'Scanner', fr: 'Numériseur' }, to: { en: 'Document scanner' } });
    });

    test('policy: create, get, list, change settings; settings that lock an app out are refused', async () => {
      const policy = await admin.create('/v1/admin/policies', policyBody(DEMO.desktop.product));
      assert.equal(policy.mode, 'floating');
      assert.deepEqual(await admin.ok('GET', `/v1/admin/policies/${policy.id}`), policy);
      assert.ok((await admin.ok('GET', `/v1/admin/policies?product=${DEMO.desktop.product}`)).items.some((p: any) => p.id === policy.id));

      const changed = await admin.ok('PATCH', `/v1/admin/policies/${policy.id}`, { resetLimit: 5, termDays: null });
      assert.equal(changed.resetLimit, 5);
      assert.equal(changed.termDays, null);
      assert.equal(changed.leaseSeconds, 86_400, 'fields left out keep their value');
      const event = await admin.lastEvent('policy.updated', policy.id);
      assert.deepEqual(event.data.changes, { resetLimit: { from: 2, to: 5 }, termDays: { from: 365, to: null } });
      assert.equal(event.actor.type, 'admin_key');

      const tooShort = await admin.send('PATCH', `/v1/admin/policies/${policy.id}`, { leaseSeconds: 600 });
      assertProblem(tooShort, 400, 'VALIDATION_FAILED');
      assert.deepEqual(json(tooShort).errors.map((e: any) => e.field), ['body.leaseSeconds']);
      const loose = await admin.send('POST', '/v1/admin/policies', { ...policyBody(DEMO.desktop.product), fingerprintTolerance: 3 });
      assert.deepEqual(json(loose).errors.map((e: any) => e.field), ['body.fingerprintTolerance']);
      assert.equal((await admin.ok('GET', `/v1/admin/policies/${policy.id}`)).leaseSeconds, 86_400, 'a refused change changes nothing');
    });

    test('plan: create with slots and upgrade path, get by code, list, change price and names, add an upgrade path', async () => {
      const basic = await admin.ok('GET', `/v1/admin/plans/${DEMO.engagement.basic}`);
      const plan = await admin.create('/v1/admin/plans', {
        product: DEMO.engagement.product, code: 'engagement-pro', name: { en: 'Pro', fr: 'Pro' }, policyId: basic.policyId,
        priceCents: 9900, currency: 'cad', period: 'month',
        slots: [{ feature: DEMO.engagement.features.messages, quantity: 2 }, { feature: DEMO.engagement.features.booking, quantity: 2 }],
      });
      assert.equal(plan.currency, 'CAD');
      assert.equal(plan.slots.length, 2);
      assert.deepEqual(await admin.ok('GET', '/v1/admin/plans/engagement-pro'), plan);
      const products = (await admin.ok('GET', `/v1/admin/plans?product=${DEMO.engagement.product}`)).items.map((p: any) => p.code).sort();
      assert.deepEqual(products, ['engagement-basic', 'engagement-plus', 'engagement-pro']);

      const repriced = await admin.ok('PATCH', `/v1/admin/plans/${plan.id}`, { priceCents: 10900, period: 'year', name: { en: 'Professional' } });
      assert.equal(repriced.priceCents, 10900);
      assert.equal(repriced.period, 'year');
      assert.deepEqual(repriced.name, { en: 'Professional', fr: 'Pro' });
      const event = await admin.lastEvent('plan.updated', plan.id);
      assert.deepEqual(event.data.changes.priceCents, { from: 9900, to: 10900 });
      assert.equal(event.actor.type, 'admin_key');

      const upgraded = await admin.ok('POST', `/v1/admin/plans/${basic.id}/upgrades`, { to: 'engagement-pro' });
      assert.ok(upgraded.upgradesTo.includes(plan.id));
      assert.equal((await admin.lastEvent('plan.upgrade_added', basic.id)).data.to, 'engagement-pro');
      assertProblem(await admin.send('POST', `/v1/admin/plans/${basic.id}/upgrades`, { to: 'engagement-pro' }), 409, 'ALREADY_EXISTS');
      const removed = await admin.ok('DELETE', `/v1/admin/plans/${basic.id}/upgrades/engagement-pro`);
      assert.equal(removed.upgradesTo.includes(plan.id), false);
      assert.equal((await admin.lastEvent('plan.upgrade_removed', basic.id)).data.to, 'engagement-pro');
      assert.equal((await admin.ok('GET', `/v1/admin/plans/${basic.id}`)).upgradesTo.includes(plan.id), false);
      assertProblem(await admin.send('DELETE', `/v1/admin/plans/${basic.id}/upgrades/engagement-pro`), 404, 'NOT_FOUND');
      assertProblem(await admin.send('DELETE', `/v1/admin/plans/${basic.id}/upgrades/no-such-plan`), 404, 'NOT_FOUND');
      assertProblem(await admin.send('PATCH', `/v1/admin/plans/${plan.id}`, { policyId: (await admin.ok('GET', `/v1/admin/plans/${DEMO.desktop.plan}`)).policyId }), 404, 'NOT_FOUND');
    });

    test('lists page with limit and cursor, each item once', async () => {
      for (const n of [1, 2, 3]) await admin.create('/v1/admin/products', { code: `paged-${n}`, name: `Paged ${n}` });
      const all = (await admin.ok('GET', '/v1/admin/products?limit=200')).items;
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: any = await admin.ok('GET', `/v1/admin/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((p: any) => p.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      assert.deepEqual(seen, all.map((p: any) => p.id));
      assert.ok(pages >= 3);
    });

    const malformed: [string, string, string, unknown, string[]][] = [
      ['product code with spaces', 'POST', '/v1/admin/products', { code: 'Lab Suite', name: 'x' }, ['body.code']],
      ['product without a name', 'POST', '/v1/admin/products', { code: 'ok' }, ['body.name']],
      ['product code cannot change', 'PATCH', `/v1/admin/products/${DEMO.desktop.product}`, { code: 'new' }, ['body', 'body.name']],
      ['feature with an unknown seat kind shape', 'POST', '/v1/admin/features', { product: DEMO.desktop.product, code: 'x', name: { en: 'X' }, seatKind: 'Big Machine' }, ['body.seatKind']],
      ['feature rename with nothing to change', 'PATCH', '/v1/admin/features/x', { name: {} }, ['body.name']],
      ['policy with a negative lease', 'POST', '/v1/admin/policies', { ...policyBody(DEMO.desktop.product), leaseSeconds: -1 }, ['body.leaseSeconds']],
      ['policy with an unknown mode', 'PATCH', '/v1/admin/policies/x', { mode: 'sometimes' }, ['body.mode']],
      ['empty policy change', 'PATCH', '/v1/admin/policies/x', {}, ['body']],
      ['plan with no slots', 'POST', '/v1/admin/plans', { product: 'p', code: 'c', name: { en: 'C' }, policyId: 'x', priceCents: 1, currency: 'CAD', period: 'month', slots: [] }, ['body.slots']],
      ['plan with a fractional price and a bad currency', 'PATCH', '/v1/admin/plans/x', { priceCents: 9.5, currency: 'dollars' }, ['body.priceCents', 'body.currency']],
      ['list with a limit of 0', 'GET', '/v1/admin/plans?limit=0', undefined, ['querystring.limit']],
    ];
    for (const [name, method, url, body, fields] of malformed) {
      test(`malformed: ${name} → 400 VALIDATION_FAILED naming ${fields.join(', ')}`, async () => {
        const response = await admin.send(method as any, url, body);
        assertProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(json(response).errors.map((e: any) => e.field).sort(), [...fields].sort());
      });
    }

    const unknown: [string, string, unknown][] = [
      ['GET', '/v1/admin/products/no-such-product', undefined],
      ['PATCH', '/v1/admin/products/no-such-product', { name: 'x' }],
      ['GET', '/v1/admin/features/no-such-feature', undefined],
      ['PATCH', '/v1/admin/features/no-such-feature', { name: { en: 'x' } }],
      ['POST', '/v1/admin/features', { product: 'no-such-product', code: 'x', name: { en: 'X' }, seatKind: 'machine' }],
      ['GET', '/v1/admin/features?product=no-such-product', undefined],
      ['GET', '/v1/admin/policies/no-such-policy', undefined],
      ['PATCH', '/v1/admin/policies/no-such-policy', { resetLimit: 1 }],
      ['GET', '/v1/admin/plans/no-such-plan', undefined],
      ['PATCH', '/v1/admin/plans/no-such-plan', { priceCents: 1 }],
      ['POST', '/v1/admin/plans/no-such-plan/upgrades', { to: DEMO.engagement.plus }],
      ['POST', `/v1/admin/plans/${DEMO.engagement.basic}/upgrades`, { to: 'no-such-plan' }],
    ];
    for (const [method, url, body] of unknown) {
      test(`unknown: ${method} ${url} → 404 NOT_FOUND`, async () => {
        assertProblem(await admin.send(method as any, url, body), 404, 'NOT_FOUND');
      });
    }
  });
}
