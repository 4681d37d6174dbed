import { DomainError } from '@leasehold/core';
import type { StaffRole } from './staff.repository.ts';

/**
 * What each staff role may do with the admin API; docs/staff.md says the same for people, and
 * staff-roles.test.ts holds the two together.
 *
 * - `owner`: everything.
 * - `support`: reads everything but the staff accounts; changes only SUPPORT_CHANGES, the work of a
 *   support or sales call (issuing a license and moving one to another plan included). Catalogue,
 *   prices, cancellations, suspending a whole customer, credentials (integration keys), webhooks and
 *   staff stay with owners.
 * - `read_only`: reads everything but the staff accounts; changes nothing.
 *
 * Routes are named by method and URL pattern, as Fastify registered them. A route missing from
 * SUPPORT_CHANGES is an owner's: a new change is closed to support until someone decides otherwise.
 */
export const SUPPORT_CHANGES: readonly string[] = [
  'POST /v1/admin/customers',
  'PATCH /v1/admin/customers/:id',
  'POST /v1/admin/customers/:id/reissue-registration',
  'POST /v1/admin/customers/:id/licenses',
  'POST /v1/admin/customers/:id/offline-activations',
  'POST /v1/admin/licenses/:id/change-plan',
  'POST /v1/admin/licenses/:id/suspend',
  'POST /v1/admin/licenses/:id/resume',
  'POST /v1/admin/activations/:id/reset',
  'POST /v1/admin/mail/:id/retry',
  'POST /v1/admin/support-requests/:id/close',
];

/** Who may use the console, and as what, is the owners' business: these routes are theirs, reads included. */
export const OWNER_ONLY_PREFIX = '/v1/admin/staff';

const SUPPORT = new Set(SUPPORT_CHANGES);
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

const ownersOnly = (routeUrl: string) => routeUrl === OWNER_ONLY_PREFIX || routeUrl.startsWith(`${OWNER_ONLY_PREFIX}/`);

/** Whether a staff member of `role` may call the admin route (method and URL pattern). */
export function staffMay(role: StaffRole, method: string, routeUrl: string | undefined): boolean {
  const url = routeUrl ?? '';
  if (role === 'owner') return true;
  if (ownersOnly(url)) return false;
  if (READS.has(method)) return true;
  return role === 'support' && SUPPORT.has(`${method} ${url}`);
}

/** What the console may offer the role: every change (`all`), or the routes of SUPPORT_CHANGES (none for read_only). */
export function staffChanges(role: StaffRole): 'all' | readonly string[] {
  if (role === 'owner') return 'all';
  return role === 'support' ? SUPPORT_CHANGES : [];
}

export function staffForbidden(role: StaffRole, routeUrl?: string): DomainError {
  if (routeUrl && ownersOnly(routeUrl)) return new DomainError('FORBIDDEN', 'Only an owner of the admin console sees and manages staff accounts. Ask an owner.');
  return new DomainError('FORBIDDEN', role === 'read_only'
    ? 'Your staff account can view only. Ask an owner to make this change, or to change your role.'
    : 'Only an owner can make this change. Ask an owner of the admin console.');
}
