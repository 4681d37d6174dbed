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

/** The secrets of a new session of any kind: the browser holds the random token, the database only its SHA-256. */
export function newSessionSecrets(now: number): { token: string; idHash: string; csrfToken: string; expiresAt: number } {
  const token = generateToken('lh_sess');
  return { token, idHash: hashSecret(token), csrfToken: randomBytes(32).toString('base64url'), expiresAt: now + SESSION.idleMs };
}

/**
 * Where a live session's idle end moves to: null when the session is past its longest life, the
 * same end when it moved less than a few minutes (at most one write every few minutes per session).
 */
export function slideSession(session: { createdAt: number; expiresAt: number }, now: number): { expiresAt: number; extend: boolean } | null {
  if (now - session.createdAt >= SESSION.maxMs) return null;
  const slid = Math.min(now + SESSION.idleMs, session.createdAt + SESSION.maxMs);
  return slid - session.expiresAt >= SESSION.extendEveryMs ? { expiresAt: slid, extend: true } : { expiresAt: session.expiresAt, extend: false };
}

/** A new client portal session. */
export async function openSession(trx: Db, user: { id: string; customerId: string }, now: number): Promise<OpenedSession> {
  const { token, idHash, csrfToken, expiresAt } = newSessionSecrets(now);
  await insertSession(trx, { id_hash: idHash, user_id: user.id, customer_id: user.customerId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt, revoked_at: null });
  return { token, csrfToken, expiresAt };
}

/** The live session of the token, its idle time reset. */
export async function resumeSession(db: Db, token: string, now: number): Promise<SessionContext | null> {
  const session = await findLiveSession(db, hashSecret(token), now);
  if (!session) return null;
  const slid = slideSession(session, now);
  if (!slid) return null;
  if (slid.extend) {
    await extendSession(db, session.idHash, slid.expiresAt);
    return { ...session, expiresAt: slid.expiresAt };
  }
  return session;
}

/** The session token in the named cookie, if it is plausibly one. */
export function readCookieToken(request: FastifyRequest, cookie: string): string | null {
  const token = parseCookies(request.headers.cookie)[cookie];
  return token && token.length <= 200 ? token : null;
}

export function readSessionToken(request: FastifyRequest): string | null {
  return readCookieToken(request, SESSION_COOKIE);
}

const secure = (config: AppConfig) => config.publicUrl.startsWith('https:');

/** A browser-session cookie: the server decides when the session ends. */
export function sessionCookie(config: AppConfig, token: string, cookie: string = SESSION_COOKIE): string {
  return serializeCookie(cookie, token, { secure: secure(config) });
}

export function clearedSessionCookie(config: AppConfig, cookie: string = SESSION_COOKIE): string {
  return serializeCookie(cookie, '', { secure: secure(config), maxAge: 0 });
}
