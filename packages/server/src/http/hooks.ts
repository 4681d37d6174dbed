import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '@leasehold/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { ReadCache, credentialKey } from '../shared/read-cache.ts';
import { clearedSessionCookie } from '../portal-auth/session.service.ts';
import { staffForbidden, staffMay } from '../staff/staff-roles.ts';
import { STAFF_COOKIE, authenticateStaffSession, type StaffPrincipal } from '../staff/staff-session.ts';
import {
  authenticateAdmin, authenticateIntegration, authenticateMachine, authenticateSession, type CustomerPrincipal, type PortalPrincipal, type Principal,
} from './auth.ts';

type Hook = (request: FastifyRequest) => Promise<void>;

const machinePrincipals = new WeakMap<AppDeps['database'], ReadCache<CustomerPrincipal>>();

/**
 * The app's credentials (the Authorization header), remembered while the database is unchanged: a
 * re-issued key or a suspension is a write, so it takes effect on the next request in every process.
 */
export function authenticateMachineCached(deps: AppDeps, header: string | undefined): Promise<CustomerPrincipal> {
  if (!header) return authenticateMachine(deps.database.db, header);
  return machinePrincipalCache(deps).get(credentialKey(header), () => authenticateMachine(deps.database.db, header)) as Promise<CustomerPrincipal>;
}

/** The principal of these credentials when it is remembered and current; undefined when it must be read. */
export function cachedMachinePrincipal(deps: AppDeps, header: string): CustomerPrincipal | undefined {
  return machinePrincipalCache(deps).peek(credentialKey(header));
}

function machinePrincipalCache(deps: AppDeps): ReadCache<CustomerPrincipal> {
  let cache = machinePrincipals.get(deps.database);
  if (!cache) machinePrincipals.set(deps.database, (cache = new ReadCache(deps.database)));
  return cache;
}

export const machineAuth = (deps: AppDeps): Hook => async (request) => {
  request.principal = await authenticateMachineCached(deps, request.headers.authorization);
};

export const integrationAuth = (deps: AppDeps): Hook => async (request) => {
  request.principal = await authenticateIntegration(deps.database.db, request);
};

type ReplyHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function csrfMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function requireCsrf(request: FastifyRequest, csrfToken: string): void {
  if (!csrfMatches(request.headers['x-csrf-token'], csrfToken)) {
    throw new DomainError('CSRF_TOKEN_INVALID', 'This change needs the x-csrf-token header with the csrfToken of your session. Reload the page and try again.');
  }
}

/**
 * The checks every request made with a session passes: a change repeats the session's CSRF token in
 * `x-csrf-token` (another site can make the browser send the cookie, never the header), and a viewer
 * only reads unless the route lets anyone change their own things.
 */
function admitSession(request: FastifyRequest, principal: PortalPrincipal, viewerMayChange: boolean): void {
  if (READS.has(request.method)) return;
  requireCsrf(request, principal.csrfToken);
  if (principal.role === 'viewer' && !viewerMayChange) {
    throw new DomainError('FORBIDDEN', 'Your account can view only. Ask an owner or administrator of your organisation to make this change, or to change your role.');
  }
}

const sessionEnded = (reply: FastifyReply, deps: AppDeps) => {
  reply.header('set-cookie', clearedSessionCookie(deps.config));
  return new DomainError('UNAUTHENTICATED', 'Your client portal session has ended. Log on again.');
};

/**
 * The client portal's routes and the seat-management API: a person's session only (cookie, then the
 * CSRF header on changes; viewers read only). The app's credentials, on every desktop, reach the
 * machine API and nothing else, so that none of them buys, removes or reassigns a license.
 * `viewerMayChange` for a user's own things (profile, log-out, requests).
 */
export const portalAuth = (deps: AppDeps, options: { viewerMayChange?: boolean } = {}): ReplyHook => async (request, reply) => {
  const session = await authenticateSession(deps.database.db, request, deps.clock.now());
  if (session === 'ended') throw sessionEnded(reply, deps);
  if (!session && request.headers.authorization) {
    throw new DomainError('PORTAL_SESSION_REQUIRED', 'Registration details and license keys are for the app (the machine API) only. Log on to the client portal to see or change licenses, seats and billing.');
  }
  if (!session) throw new DomainError('UNAUTHENTICATED', 'Log on to the client portal first.');
  admitSession(request, session, options.viewerMayChange ?? false);
  request.principal = session;
};

/** The same checks for the admin console: CSRF on changes, then what the staff member's role may do (staff-roles.ts). */
function admitStaff(request: FastifyRequest, principal: StaffPrincipal): void {
  if (!READS.has(request.method)) requireCsrf(request, principal.csrfToken);
  if (!staffMay(principal.role, request.method, request.routeOptions.url)) throw staffForbidden(principal.role, request.routeOptions.url);
}

/** The admin console's session (cookie, CSRF on changes, role), or else an admin API key. */
export const adminAuth = (deps: AppDeps): ReplyHook => async (request, reply) => {
  if (!request.headers.authorization) {
    const staff = await authenticateStaffSession(deps.database.db, request, deps.clock.now());
    if (staff === 'ended') {
      reply.header('set-cookie', clearedSessionCookie(deps.config, STAFF_COOKIE));
      throw new DomainError('UNAUTHENTICATED', 'Your admin console session has ended. Sign in again.');
    }
    if (staff) {
      admitStaff(request, staff);
      request.principal = staff;
      return;
    }
  }
  request.principal = await authenticateAdmin(deps.database.db, request, deps.clock.now());
};

/** Staff routes that need a session, not a key (log-out, TOTP enrolment). */
export const staffAuth = (deps: AppDeps): ReplyHook => async (request, reply) => {
  const staff = await authenticateStaffSession(deps.database.db, request, deps.clock.now());
  if (staff === 'ended') reply.header('set-cookie', clearedSessionCookie(deps.config, STAFF_COOKIE));
  if (!staff || staff === 'ended') throw new DomainError('UNAUTHENTICATED', 'Sign in to the admin console first.');
  if (!READS.has(request.method)) requireCsrf(request, staff.csrfToken);
  request.principal = staff;
};

export function staffPrincipal(request: FastifyRequest): StaffPrincipal {
  const principal = request.principal;
  if (!principal || principal.kind !== 'staff') throw new DomainError('UNAUTHENTICATED', 'Sign in to the admin console first.');
  return principal;
}

/** Routes open to everyone that know the user when a session comes with the request (a support request). */
export const optionalPortalAuth = (deps: AppDeps): ReplyHook => async (request) => {
  const session = await authenticateSession(deps.database.db, request, deps.clock.now());
  if (session && session !== 'ended') {
    admitSession(request, session, true);
    request.principal = session;
  }
};

export function portalPrincipal(request: FastifyRequest): PortalPrincipal {
  const principal = request.principal;
  if (!principal || principal.kind !== 'portal_user') throw new DomainError('UNAUTHENTICATED', 'Log on to the client portal first.');
  return principal;
}

export function customerPrincipal(request: FastifyRequest): CustomerPrincipal {
  const principal = request.principal;
  if (!principal || !('customerId' in principal)) throw new DomainError('UNAUTHENTICATED', 'This endpoint needs customer credentials.');
  return principal;
}

export function adminPrincipal(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (!principal || (principal.kind !== 'admin' && principal.kind !== 'staff')) throw new DomainError('UNAUTHENTICATED', 'This endpoint needs an admin API key or an admin console session.');
  return principal;
}
