import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { leaves, variables } from '../../shared/i18n/dictionary-keys.ts';
import { adminEn } from './en.ts';
import { adminFr } from './fr.ts';


describe('the admin console speaks English and French alike', () => {
  const en = leaves(adminEn);
  const fr = leaves(adminFr);

  test('the same keys, none empty, the same values filled in', () => {
    assert.deepEqual([...fr.keys()].sort(), [...en.keys()].sort());
    for (const [key, text] of en) {
      assert.ok(text.trim() && fr.get(key)!.trim(), `${key} is empty`);
      assert.deepEqual(variables(fr.get(key)!), variables(text), key);
    }
  });

  test('French texts are translated, not copied', () => {
    const allowed = new Set(['catalogue.nav', 'catalogue.title', 'catalogue.code', 'catalogue.policy.mode', 'catalogue.fields.mode', 'nav.sections', 'customer.actions', 'customer.contact', 'find.contact', 'status.active', 'signIn.code', 'support.kinds.question', 'mail.all', 'webhooks.actions']);
    const same = [...en].filter(([key, text]) => fr.get(key) === text && !allowed.has(key)).map(([key]) => key);
    assert.deepEqual(same, []);
  });
});
