import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterFromForm, formFromQuery, queryFromForm, rangeIsValid } from './audit-filters.ts';

test('the filters go to the address and back, empty ones left out', () => {
  const form = formFromQuery(new URLSearchParams('customer=Maple%20Grove&type=license.*&from=2026-11-01'));
  assert.deepEqual(form, { customer: 'Maple Grove', type: 'license.*', actorType: '', actorId: '', from: '2026-11-01', to: '' });
  assert.equal(queryFromForm(form), 'customer=Maple+Grove&type=license.*&from=2026-11-01');
});

test('a date range covers whole days in the browser\'s time zone, the "to" day included', () => {
  const filter = filterFromForm({ customer: '', type: '', actorType: 'staff', actorId: 'abc', from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual([filter.actorType, filter.actorId, filter.customer], ['staff', 'abc', undefined]);
  assert.equal(filter.from, new Date(2026, 10, 1).toISOString());
  assert.equal(filter.to, new Date(2026, 11, 1).toISOString(), 'the start of the day after the last one');
  assert.equal(filterFromForm({ customer: '', type: '', actorType: '', actorId: '', from: 'not a date', to: '' }).from, undefined);
  assert.equal(rangeIsValid({ customer: '', type: '', actorType: '', actorId: '', from: '2026-11-02', to: '2026-11-01' }), false);
  assert.equal(rangeIsValid({ customer: '', type: '', actorType: '', actorId: '', from: '2026-11-01', to: '' }), true);
});
