import { DAY, HOUR, MINUTE } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import type { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../deps.ts';
import { parseCookies, serializeCookie } from '../http/cookies.ts';
import { generateToken, hashSecret } from '../shared/secrets.ts';
import { extendSession, findLiveSession, insertSession, type SessionContext } from './session.repository.ts';

export const SESSION_COOKIE = 'lh_portal';

/** Sessions end after 12 hours without use, and at the latest 7 days after log-on. */
export const SESSION = { idleMs: 12 * HOUR, maxMs: 7 * DAY, extendEveryMs: 5 * MINUTE } as const;

export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/** A new session: the browser holds the random token, the database only its SHA-256. */
export async function openSession(trx: Db, user: { id: string; customerId: string }, now: number): Promise<OpenedSession> {
  const token = generateToken('lh_sess');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION.idleMs;
  await insertSession(trx, { id_hash: hashSecret(token), user_id: user.id, customer_id: user.customerId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt, revoked_at: null });
  return { token, csrfToken, expiresAt };
}

/** The live session of the token, its idle time reset; at most one write every few minutes per session. */
export async function resumeSession(db: Db, token: string, now: number): Promise<SessionContext | null> {
  const session = await findLiveSession(db, hashSecret(token), now);
  if (!session) return null;
  if (now - session.createdAt >= SESSION.maxMs) return null;
  const slid = Math.min(now + SESSION.idleMs, session.createdAt + SESSION.maxMs);
  if (slid - session.expiresAt >= SESSION.extendEveryMs) {
    await extendSession(db, session.idHash, slid);
    return { ...session, expiresAt: slid };
  }
  return session;
}

export function readSessionToken(request: FastifyRequest): string | null {
  const token = parseCookies(request.headers.cookie)[SESSION_COOKIE];
  return token && token.length <= 200 ? token : null;
}

const secure = (config: AppConfig) => config.publicUrl.startsWith('https:');

/** A browser-session cookie: the server decides when the session ends. */
export function sessionCookie(config: AppConfig, token: string): string {
  return serializeCookie(SESSION_COOKIE, token, { secure: secure(config) });
}

export function clearedSessionCookie(config: AppConfig): string {
  return serializeCookie(SESSION_COOKIE, '', { secure: secure(config), maxAge: 0 });
}
