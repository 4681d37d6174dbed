import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from './ids.ts';

test('ids made in one millisecond sort in the order they were made', () => {
  const at = Date.UTC(2026, 0, 1);
  const ids = Array.from({ length: 5000 }, () => newId(at));
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  assert.match(ids[0], /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('a later time sorts after, an earlier clock reading never goes backwards', () => {
  const a = newId(Date.UTC(2026, 0, 2));
  const b = newId(Date.UTC(2026, 0, 3));
  const c = newId(Date.UTC(2026, 0, 1));
  assert.ok(a < b && b < c);
});
