import { DomainError } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import type { FastifyRequest } from 'fastify';
import { findCustomerRowByNumber, getCustomer } from '../customers/customer.repository.ts';
import type { Actor } from '../events/event.repository.ts';
import { findLicenseByKeyHash } from '../licenses/license.repository.ts';
import { readSessionToken, resumeSession } from '../portal-auth/session.service.ts';
import type { PortalRole } from '../portal-users/portal-user.repository.ts';
import { hashSecret, normalizeReadableKey, secretMatches } from '../shared/secrets.ts';
import type { StaffPrincipal } from '../staff/staff-session.ts';

/** Who is calling. Every service takes one and never reaches past its customer. */
export type Principal =
  | { kind: 'customer'; customerId: string; customerStatus: 'active' | 'suspended'; actor: Actor }
  | { kind: 'license'; customerId: string; customerStatus: 'active' | 'suspended'; licenseId: string; actor: Actor }
  | { kind: 'admin'; keyId: string; actor: Actor }
  | { kind: 'integration'; customerId: string; customerStatus: 'active' | 'suspended'; keyId: string; actor: Actor }
  | {
    kind: 'portal_user'; customerId: string; customerStatus: 'active' | 'suspended'; userId: string; role: PortalRole;
    /** SHA-256 of the session token, and the CSRF token changes must repeat in `x-csrf-token`. */
    sessionHash: string; csrfToken: string; actor: Actor;
  }
  | StaffPrincipal;

export type CustomerPrincipal = Extract<Principal, { customerId: string }>;
export type PortalPrincipal = Extract<Principal, { kind: 'portal_user' }>;

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const unauthenticated = (detail: string) => new DomainError('UNAUTHENTICATED', detail);
const invalid = (detail: string) => new DomainError('INVALID_CREDENTIALS', detail);

function authorization(request: FastifyRequest): { scheme: string; value: string } | null {
  return parseAuthorization(request.headers.authorization);
}

function parseAuthorization(header: string | undefined): { scheme: string; value: string } | null {
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space < 0) return null;
  return { scheme: header.slice(0, space).toLowerCase(), value: header.slice(space + 1).trim() };
}

/**
 * The app's credentials: the customer's registration details as HTTP Basic (customer number and
 * registration key), or one license key as `Authorization: License <key>`, from the Authorization header.
 */
export async function authenticateMachine(db: Db, header: string | undefined): Promise<CustomerPrincipal> {
  const auth = parseAuthorization(header);
  if (!auth) {
    throw unauthenticated('Send your registration details as HTTP Basic (customer number and registration key) or a license key as "Authorization: License <key>".');
  }
  if (auth.scheme === 'basic') return authenticateRegistration(db, auth.value);
  if (auth.scheme === 'license') {
    const license = await findLicenseByKeyHash(db, hashSecret(normalizeReadableKey(auth.value)));
    if (!license) throw invalid('This license key is not known. Check it for typing mistakes, or use your customer number and registration key.');
    const customer = await getCustomer(db, license.customerId);
    return { kind: 'license', customerId: license.customerId, customerStatus: customer!.status, licenseId: license.id, actor: { type: 'license_key', id: license.id } };
  }
  throw unauthenticated(`The "${auth.scheme}" authorization scheme is not accepted here. Use Basic with your registration details or License with a license key.`);
}

async function authenticateRegistration(db: Db, encoded: string): Promise<CustomerPrincipal> {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalid('The registration details are malformed: send "customer number:registration key" as HTTP Basic.');
  const number = decoded.slice(0, colon).trim();
  const key = normalizeReadableKey(decoded.slice(colon + 1));
  const row = await findCustomerRowByNumber(db, number);
  // Hash even when the number is unknown, so the answer takes as long either way.
  const matches = secretMatches(key, row?.registration_key_hash ?? '0'.repeat(64));
  if (!row || !matches) {
    throw invalid('The customer number and registration key do not match. Check them against your registration email, or use "I don\'t know my registration details" in the client portal.');
  }
  return { kind: 'customer', customerId: row.id, customerStatus: row.status, actor: { type: 'customer', id: row.id } };
}

/**
 * The client portal's session cookie. null when the request carries none; 'ended' when it names no
 * live session (logged out, expired, or the user was removed).
 */
export async function authenticateSession(db: Db, request: FastifyRequest, now: number): Promise<PortalPrincipal | 'ended' | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const session = await resumeSession(db, token, now);
  if (!session) return 'ended';
  return {
    kind: 'portal_user',
    customerId: session.customer.id,
    customerStatus: session.customer.status,
    userId: session.user.id,
    role: session.user.role,
    sessionHash: session.idHash,
    csrfToken: session.csrfToken,
    actor: { type: 'portal_user', id: session.user.id },
  };
}

/** Staff automation: `Authorization: Bearer lh_admin_…` from `leasehold admin create-key`. */
export async function authenticateAdmin(db: Db, request: FastifyRequest, now: number): Promise<Principal> {
  const auth = authorization(request);
  if (!auth || auth.scheme !== 'bearer') throw unauthenticated('Send an admin API key as "Authorization: Bearer <key>". Create one with `leasehold admin create-key`.');
  const row = await db.selectFrom('admin_api_keys').select(['id', 'revoked_at', 'last_used_at']).where('key_hash', '=', hashSecret(auth.value)).executeTakeFirst();
  if (!row || row.revoked_at !== null) throw invalid('This admin API key is not valid or was revoked. Create a new one with `leasehold admin create-key`.');
  // Record use at most once a minute: a hot key should not write on every request.
  if (row.last_used_at === null || now - Number(row.last_used_at) > 60_000) {
    await db.updateTable('admin_api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { kind: 'admin', keyId: row.id, actor: { type: 'admin_key', id: row.id } };
}

/** The EMR bridge and other connectors: `Authorization: Bearer lh_int_…`, one key per customer. */
export async function authenticateIntegration(db: Db, request: FastifyRequest): Promise<CustomerPrincipal> {
  const auth = authorization(request);
  if (!auth || auth.scheme !== 'bearer') throw unauthenticated('Send the customer\'s integration key as "Authorization: Bearer <key>".');
  const row = await db
    .selectFrom('integration_keys')
    .innerJoin('customers', 'customers.id', 'integration_keys.customer_id')
    .select(['integration_keys.id', 'integration_keys.customer_id', 'integration_keys.revoked_at', 'customers.status'])
    .where('integration_keys.key_hash', '=', hashSecret(auth.value))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) throw invalid('This integration key is not valid or was revoked. Ask the vendor for a new one.');
  return { kind: 'integration', customerId: row.customer_id, customerStatus: row.status, keyId: row.id, actor: { type: 'integration', id: row.id } };
}

/** Refuses changes by a suspended customer with a clear answer. */
export function requireActiveCustomer(principal: CustomerPrincipal): void {
  if (principal.customerStatus === 'suspended') {
    throw new DomainError('CUSTOMER_SUSPENDED', 'This customer account is suspended. Contact the vendor to restore it.');
  }
}
