import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PricedPlan } from '@leasehold/core';
import { licenseChanges } from './billing-history.ts';
import type { LicenseEventRow } from './billing.repository.ts';

const catalogue = new Map<string, PricedPlan>([['basic', { code: 'basic', name: 'Basic today', priceCents: 5900, currency: 'CAD', period: 'month' }]]);
const event = (type: LicenseEventRow['type'], data: Record<string, unknown>, createdAt = 1000): LicenseEventRow => ({ customerId: 'C', licenseId: 'L', type, data, createdAt });

test('license events become billing changes with the price recorded when the plan was taken', () => {
  const changes = licenseChanges([
    event('license.issued', { plan: 'basic', planName: 'Basic', priceCents: 4900, currency: 'CAD', period: 'month', startsAt: new Date(2000).toISOString(), expiresAt: new Date(9000).toISOString() }),
    event('license.plan_changed', { from: 'basic', to: 'plus', planName: 'Plus', priceCents: 7900, currency: 'CAD', period: 'month' }, 3000),
    event('license.cancelled', { reason: 'x' }, 5000),
  ], catalogue);
  assert.deepEqual(changes.map((c) => [c.kind, c.at, 'plan' in c ? [c.plan.code, c.plan.priceCents] : null]), [
    ['started', 2000, ['basic', 4900]],
    ['ended', 9000, null],
    ['plan_changed', 3000, ['plus', 7900]],
    ['ended', 5000, null],
  ]);
});

test('events from before prices were recorded fall back to today\'s catalogue', () => {
  const [started] = licenseChanges([event('license.issued', { plan: 'basic' }, 1234)], catalogue);
  assert.deepEqual(started, { licenseId: 'L', at: 1234, kind: 'started', plan: catalogue.get('basic') });
});
