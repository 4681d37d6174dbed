import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CatalogueFeature, CataloguePlan, CataloguePolicy } from '../api/catalogue-api.ts';
import { featureForm, planForm, policyForm, productForm, slotKey, type CatalogueContext, type FormValues } from './catalogue-forms.ts';

const t = (key: string) => key;
const feature = (id: string, code: string): CatalogueFeature => ({ id, productId: 'p1', code, name: { en: code }, seatKind: 'schedule' });
const policy: CataloguePolicy = {
  id: 'pol1', productId: 'p1', name: 'Desktop', mode: 'node_locked', checkInIntervalSeconds: 259_200, leaseSeconds: 1_209_600, fingerprintTolerance: 2,
  minComponents: 3, resetLimit: 3, resetWindowSeconds: 31_536_000, heartbeatSeconds: 600, termDays: null,
};
const plan: CataloguePlan = {
  id: 'plan1', productId: 'p1', code: 'plus', name: { en: 'Plus', fr: 'Plus (fr)' }, policyId: 'pol1', priceCents: 7900, currency: 'CAD', period: 'month',
  slots: [{ featureId: 'f1', quantity: 1 }, { featureId: 'f2', quantity: 1 }], upgradesTo: [],
};
const ctx: CatalogueContext = {
  product: { id: 'p1', code: 'engagement', name: 'Engagement', fingerprintSalt: 's' }, features: [feature('f1', 'messages'), feature('f2', 'booking')], policies: [policy], plans: [],
};
const edited = (values: FormValues, changes: FormValues) => ({ ...values, ...changes });

describe('catalogue forms: the PATCH holds only what changed', () => {
  const policyCases: [string, FormValues, object][] = [
    ['nothing typed', {}, {}],
    ['the lease in days', { leaseSeconds: '7' }, { leaseSeconds: 604_800 }],
    ['the check-in in hours, with a French decimal comma', { checkInIntervalSeconds: '1,5' }, { checkInIntervalSeconds: 5400 }],
    ['a term set, and the tolerance', { termDays: '365', fingerprintTolerance: '1' }, { termDays: 365, fingerprintTolerance: 1 }],
    ['the mode', { mode: 'floating' }, { mode: 'floating' }],
  ];
  for (const [name, changes, patch] of policyCases) {
    test(`policy: ${name}`, () => assert.deepEqual(policyForm.toPatch(policy, edited(policyForm.initial(policy, ctx), changes), ctx), patch));
  }

  const planCases: [string, FormValues, object][] = [
    ['nothing typed', {}, {}],
    ['a new price', { price: '89' }, { priceCents: 8900 }],
    ['the French name removed', { nameFr: '' }, { name: { fr: null } }],
    ['a seat more of one feature: every slot is sent', { [slotKey('f1')]: '2' }, { slots: [{ feature: 'f1', quantity: 2 }, { feature: 'f2', quantity: 1 }] }],
    ['a feature left out', { [slotKey('f2')]: '0' }, { slots: [{ feature: 'f1', quantity: 1 }] }],
    ['currency in lower case, yearly', { currency: 'usd', period: 'year' }, { currency: 'USD', period: 'year' }],
  ];
  for (const [name, changes, patch] of planCases) {
    test(`plan: ${name}`, () => assert.deepEqual(planForm.toPatch(plan, edited(planForm.initial(plan, ctx), changes), ctx), patch));
  }

  test('feature and product: the names that changed', () => {
    const f = feature('f1', 'messages');
    assert.deepEqual(featureForm.toPatch(f, edited(featureForm.initial(f, ctx), { nameFr: 'Messages' }), ctx), { name: { fr: 'Messages' } });
    assert.deepEqual(productForm.toPatch(ctx.product, { code: 'engagement', name: ' Engagement 2 ' }, ctx), { name: 'Engagement 2' });
  });

  test('a new plan: slots given, price in cents, upgrade paths checked', () => {
    const values = edited(planForm.initial(null, { ...ctx, plans: [plan] }), {
      code: 'pro', nameEn: 'Pro', price: '129.50', [slotKey('f2')]: '2', 'upgrade:plan1': 'true',
    });
    assert.deepEqual(planForm.validate(values, true, t), {});
    assert.deepEqual(planForm.toCreate(values, { ...ctx, plans: [plan] }), {
      product: 'p1', code: 'pro', name: { en: 'Pro' }, policyId: 'pol1', priceCents: 12_950, currency: 'CAD', period: 'month',
      slots: [{ feature: 'f2', quantity: 2 }], upgradesTo: ['plan1'],
    });
  });
});

describe('catalogue forms: errors beside their fields', () => {
  const invalid: [string, () => object, string[]][] = [
    ['a plan with no seat, a bad code and price', () => planForm.validate(edited(planForm.initial(null, ctx), { code: 'Pro Plan', nameEn: 'Pro', price: '12.345' }), true, t), ['code', 'price', 'slots']],
    ['a policy with a fractional tolerance and no name', () => policyForm.validate(edited(policyForm.initial(policy, ctx), { name: ' ', fingerprintTolerance: '1.5' }), false, t), ['fingerprintTolerance', 'name']],
    ['a feature with a seat kind in capitals', () => featureForm.validate({ code: 'scan', nameEn: 'Scan', nameFr: '', seatKind: 'Big Machine' }, true, t), ['seatKind']],
  ];
  for (const [name, errors, fields] of invalid) test(name, () => assert.deepEqual(Object.keys(errors()).sort(), fields));

  const fields: [string, string, string | null][] = [
    ['policy', 'body.leaseSeconds', 'leaseSeconds'], ['policy', 'body', null], ['plan', 'body.priceCents', 'price'], ['plan', 'body.slots.0.quantity', 'slots'],
    ['plan', 'body.name.fr', 'nameFr'], ['feature', 'body.name', 'nameEn'], ['product', 'body.code', 'code'],
  ];
  const forms = { policy: policyForm, plan: planForm, feature: featureForm, product: productForm } as const;
  for (const [form, server, field] of fields) {
    test(`${form}: the server's ${server} shows at ${field ?? 'the top of the form'}`, () => assert.equal(forms[form as keyof typeof forms].fieldOf(server), field));
  }

  test('the server\'s rules across policy fields are worded by the console', () => {
    assert.equal(policyForm.serverText!('leaseSeconds', 'must be at least checkInIntervalSeconds, or …', t), 'catalogue.policy.leaseTooShort');
    assert.equal(policyForm.serverText!('leaseSeconds', 'Too big', t), null);
  });
});
