import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupEventTypes, subscriptionPatterns } from './event-type-groups.ts';

test('event types are grouped by their first part, in the order given', () => {
  const types = ['license.issued', 'activation.reset', 'license.cancelled', 'portal.password_reset_unknown_email'].map((type) => ({ type }));
  assert.deepEqual(groupEventTypes(types).map(({ group, items }) => [group, items.map((i) => i.type)]), [
    ['license', ['license.issued', 'license.cancelled']],
    ['activation', ['activation.reset']],
    ['portal', ['portal.password_reset_unknown_email']],
  ]);
});

test('the subscription is the ticked patterns without what a wider one covers', () => {
  assert.deepEqual(subscriptionPatterns(['license.issued', 'license.*', 'activation.reset']), ['activation.reset', 'license.*']);
  assert.deepEqual(subscriptionPatterns(['license.issued', '*', 'activation.*']), ['*']);
  assert.deepEqual(subscriptionPatterns(['license.issued', 'licenses.*']), ['license.issued', 'licenses.*']);
  assert.deepEqual(subscriptionPatterns([]), []);
});
