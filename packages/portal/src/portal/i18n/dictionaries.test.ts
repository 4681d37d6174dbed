import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sharedEn } from '../../shared/i18n/shared-en.ts';
import { sharedFr } from '../../shared/i18n/shared-fr.ts';
import { leaves, variables } from '../../shared/i18n/dictionary-keys.ts';
import { portalEn } from './en.ts';
import { portalFr } from './fr.ts';

describe('the portal speaks English and French alike', () => {
  const en = leaves({ ...sharedEn, ...portalEn });
  const fr = leaves({ ...sharedFr, ...portalFr });

  test('the same keys, none empty', () => {
    assert.deepEqual([...fr.keys()].sort(), [...en.keys()].sort());
    for (const [key, text] of [...en, ...fr]) assert.ok(text.trim(), `${key} is empty`);
  });

  test('each French text fills in the same values as its English one', () => {
    for (const [key, text] of en) {
      // French may leave out the count (said in words, "une") and the server's detail, which is in English.
      const optional = new Set(['count', 'detail']);
      const expected = variables(text).filter((v) => !optional.has(v) || variables(fr.get(key)!).includes(v));
      assert.deepEqual(variables(fr.get(key)!), expected, key);
    }
  });

  test('French texts are translated, not copied', () => {
    const same = [...en].filter(([key, text]) => fr.get(key) === text).map(([key]) => key);
    // Names that are the same in both languages.
    const allowed = new Set(['common.help', 'nav.menu', 'management.actions', 'components.bios_serial', 'licenseStatus.active', 'management.licensesTitle', 'management.licensed']);
    assert.deepEqual(same.filter((key) => !allowed.has(key)), []);
  });
});
