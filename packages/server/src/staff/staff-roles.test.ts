import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { staffChanges, staffMay, SUPPORT_CHANGES } from './staff-roles.ts';
import type { StaffRole } from './staff.repository.ts';

const DOC = fs.readFileSync(new URL('../../../../docs/staff.md', import.meta.url), 'utf8');

/** Method, route pattern, and whether owner, support and read_only may call it. */
const CASES: [string, string, [boolean, boolean, boolean]][] = [
  ['GET', '/v1/admin/customers/:id', [true, true, true]],
  ['GET', '/v1/admin/events', [true, true, true]],
  ['POST', '/v1/admin/activations/:id/reset', [true, true, false]],
  ['POST', '/v1/admin/licenses/:id/suspend', [true, true, false]],
  ['POST', '/v1/admin/licenses/:id/cancel', [true, false, false]],
  ['POST', '/v1/admin/customers/:id/suspend', [true, false, false]],
  ['POST', '/v1/admin/customers/:id/integration-keys', [true, false, false]],
  ['PATCH', '/v1/admin/plans/:id', [true, false, false]],
  ['POST', '/v1/admin/webhooks', [true, false, false]],
  ['GET', '/v1/admin/staff', [true, false, false]],
  ['POST', '/v1/admin/staff/invitations', [true, false, false]],
  ['PATCH', '/v1/admin/staff/:id', [true, false, false]],
  ['POST', '/v1/admin/staff/:id/disable', [true, false, false]],
  ['GET', '/v1/admin/staffing-report', [true, true, true]],
];

describe('staff roles', () => {
  for (const [method, route, allowed] of CASES) {
    test(`${method} ${route}: owner ${allowed[0]}, support ${allowed[1]}, read_only ${allowed[2]}`, () => {
      const roles: StaffRole[] = ['owner', 'support', 'read_only'];
      assert.deepEqual(roles.map((role) => staffMay(role, method, route)), allowed);
    });
  }

  test('what the session tells the console matches', () => {
    assert.equal(staffChanges('owner'), 'all');
    assert.deepEqual(staffChanges('support'), SUPPORT_CHANGES);
    assert.deepEqual(staffChanges('read_only'), []);
    for (const route of SUPPORT_CHANGES) {
      const [method, url] = route.split(' ');
      assert.equal(staffMay('support', method, url), true, route);
    }
  });

  test('docs/staff.md lists exactly the changes support may make', () => {
    const listed = [...DOC.matchAll(/^- `((?:POST|PATCH|PUT|DELETE) \/v1\/admin\/[^`]+)`$/gm)].map((m) => m[1]);
    assert.deepEqual([...listed].sort(), [...SUPPORT_CHANGES].sort());
  });
});
