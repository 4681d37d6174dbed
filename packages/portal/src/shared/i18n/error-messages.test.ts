import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERROR_STATUS } from '@leasehold/core';
import { adminEn } from '../../admin/i18n/en.ts';
import { adminFr } from '../../admin/i18n/fr.ts';
import { sharedEn } from './shared-en.ts';
import { sharedFr } from './shared-fr.ts';

// Codes no page can cause: the demo seeding of an empty database is the command line's.
const NOT_FROM_A_PAGE = ['CONFLICT'];
// The client portal signs in no staff (TOTP), answers no offline request for another customer, and
// its remove dialogs turn REMOVAL_NEEDS_CHOICE into the choice they ask for.
const NOT_FROM_THE_PORTAL = [...NOT_FROM_A_PAGE, 'TOTP_REQUIRED', 'COMPUTER_OF_ANOTHER_CUSTOMER', 'REMOVAL_NEEDS_CHOICE'];

/** Every code a request from a page can fail with has a message of its own in each language; else the server's English detail shows. */
const dictionaries: [string, object, string[]][] = [
  ['client portal (en)', sharedEn.errors, NOT_FROM_THE_PORTAL],
  ['client portal (fr)', sharedFr.errors, NOT_FROM_THE_PORTAL],
  ['admin console (en)', { ...sharedEn.errors, ...adminEn.errors }, NOT_FROM_A_PAGE],
  ['admin console (fr)', { ...sharedFr.errors, ...adminFr.errors }, NOT_FROM_A_PAGE],
];

// The answers an activation by request file can give besides VALID (the offline page and dialog show them).
const ACTIVATION_REFUSALS = ['CUSTOMER_SUSPENDED', 'FEATURE_NOT_LICENSED', 'TOO_FEW_COMPONENTS', 'NO_FREE_SEAT'];

for (const [name, errors, exempt] of dictionaries) {
  test(`${name}: a message for every error code and every refusal of an offline activation`, () => {
    const missing = [...Object.keys(ERROR_STATUS), ...ACTIVATION_REFUSALS].filter((code) => !exempt.includes(code) && !(code in errors));
    assert.deepEqual(missing, []);
  });
}
