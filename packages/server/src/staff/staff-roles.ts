import { DomainError } from '@leasehold/core';
import type { StaffRole } from './staff.repository.ts';

/**
 * The day-to-day changes support staff make: a route (method and URL pattern) in this list is open
 * to `support`; every other change needs an `owner`. `read_only` changes nothing.
 */
const SUPPORT_CHANGES = new Set([
  'POST /v1/admin/customers',
  'PATCH /v1/admin/customers/:id',
  'POST /v1/admin/customers/:id/reissue-registration',
  'POST /v1/admin/customers/:id/licenses',
  'POST /v1/admin/licenses/:id/suspend',
  'POST /v1/admin/licenses/:id/resume',
  'POST /v1/admin/activations/:id/reset',
  'POST /v1/admin/mail/:id/retry',
  'POST /v1/admin/support-requests/:id/close',
]);

export function staffMayChange(role: StaffRole, method: string, routeUrl: string | undefined): boolean {
  if (role === 'owner') return true;
  if (role === 'read_only') return false;
  return SUPPORT_CHANGES.has(`${method} ${routeUrl ?? ''}`);
}

export function staffForbidden(role: StaffRole): DomainError {
  return new DomainError('FORBIDDEN', role === 'read_only'
    ? 'Your staff account can view only. Ask an owner to make this change, or to change your role.'
    : 'Only an owner can make this change. Ask an owner of the admin console.');
}
