import type { Db } from '@leasehold/db';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../events/event.repository.ts';
import { newSessionSecrets, readCookieToken, slideSession } from '../portal-auth/session.service.ts';
import { hashSecret } from '../shared/secrets.ts';
import { extendStaffSession, findLiveStaffSession, insertStaffSession, type StaffRole } from './staff.repository.ts';

/** The admin console's cookie, apart from the portal's so one browser can hold both. */
export const STAFF_COOKIE = 'lh_staff';

export interface StaffPrincipal {
  kind: 'staff';
  staffId: string;
  role: StaffRole;
  sessionHash: string;
  csrfToken: string;
  actor: Actor;
}

export async function openStaffSession(trx: Db, staffId: string, now: number): Promise<{ token: string; csrfToken: string }> {
  const { token, idHash, csrfToken, expiresAt } = newSessionSecrets(now);
  await insertStaffSession(trx, { id_hash: idHash, staff_id: staffId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt, revoked_at: null });
  return { token, csrfToken };
}

/** null when the request carries no staff cookie; 'ended' when it names no live session. */
export async function authenticateStaffSession(db: Db, request: FastifyRequest, now: number): Promise<StaffPrincipal | 'ended' | null> {
  const token = readCookieToken(request, STAFF_COOKIE);
  if (!token) return null;
  const session = await findLiveStaffSession(db, hashSecret(token), now);
  if (!session) return 'ended';
  const slid = slideSession(session, now);
  if (!slid) return 'ended';
  if (slid.extend) await extendStaffSession(db, session.idHash, slid.expiresAt);
  return {
    kind: 'staff', staffId: session.staff.id, role: session.staff.role, sessionHash: session.idHash, csrfToken: session.csrfToken,
    actor: { type: 'staff', id: session.staff.id },
  };
}
