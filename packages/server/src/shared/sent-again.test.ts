import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonOf, sentAgainUnchanged } from './sent-again.ts';

test('an answer marked as sent again has its JSON made once; any other value each time', () => {
  const marked = sentAgainUnchanged({ valid: true, code: 'VALID' });
  const first = jsonOf(marked);
  assert.equal(first, '{"valid":true,"code":"VALID"}');
  (marked as { code: string }).code = 'CHANGED';
  assert.equal(jsonOf(marked), first, 'the text made the first time is sent again');

  const other = { valid: true, code: 'VALID' };
  jsonOf(other);
  other.code = 'CHANGED';
  assert.equal(jsonOf(other), '{"valid":true,"code":"CHANGED"}');
  assert.equal(jsonOf('text'), '"text"');
  assert.equal(jsonOf(null), 'null');
});
