import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { json, type Harness, type TestCustomer } from './harness.ts';

export const PASSWORD = 'correct horse battery staple';

/** A logged-on browser: its session cookie and the CSRF token the session answers gave. */
export interface PortalSession {
  cookie: string;
  csrfToken: string;
  user: { id: string; name: string; email: string; role: string; locale: string };
  customer: { id: string; number: string; name: string };
}

/** The `lh_portal=…` pair of the response's Set-Cookie, as the browser sends it back. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const header = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('lh_portal='));
  assert.ok(header, `the answer sets the session cookie: ${JSON.stringify(response.headers)}`);
  return header.split(';')[0];
}

export function sessionOf(response: LightMyRequestResponse): PortalSession {
  const body = json(response);
  return { cookie: sessionCookieOf(response), csrfToken: body.csrfToken, user: body.user, customer: body.customer };
}

let accounts = 0;
export const uniqueEmail = (label = 'user') => `${label}-${++accounts}-${Math.random().toString(36).slice(2, 8)}@clinic.test`;

/** Seed 000 steps 2 and 3: log on with the registration details, then register an account. */
export async function registerAccount(
  h: Harness,
  customer: Pick<TestCustomer, 'registration'>,
  options: { email?: string; name?: string; password?: string; locale?: 'en' | 'fr'; ip?: string } = {},
): Promise<PortalSession> {
  const logon = await h.request({
    method: 'POST', url: '/v1/portal/logon/registration', remoteAddress: options.ip,
    payload: { customerNumber: customer.registration.customerNumber, registrationKey: customer.registration.registrationKey },
  });
  assert.equal(logon.statusCode, 200, logon.body);
  const registered = await h.request({
    method: 'POST', url: '/v1/portal/register', remoteAddress: options.ip,
    payload: {
      registrationTicket: json(logon).registrationTicket, name: options.name ?? 'Front Desk', email: options.email ?? uniqueEmail(),
      password: options.password ?? PASSWORD, locale: options.locale ?? 'en',
    },
  });
  assert.equal(registered.statusCode, 201, registered.body);
  return sessionOf(registered);
}

export async function logOn(h: Harness, email: string, password = PASSWORD, ip?: string): Promise<LightMyRequestResponse> {
  return h.request({ method: 'POST', url: '/v1/portal/logon', payload: { email, password }, remoteAddress: ip });
}

/** Calls the API as the browser would: the cookie always, the CSRF header on changes unless told not to. */
export function browser(h: Harness, session: Pick<PortalSession, 'cookie' | 'csrfToken'>) {
  const call = (method: InjectOptions['method'], url: string, payload?: unknown, options: { csrf?: boolean } = {}) => {
    const headers: Record<string, string> = { cookie: session.cookie };
    if (method !== 'GET' && options.csrf !== false) headers['x-csrf-token'] = session.csrfToken;
    return h.request({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown, options?: { csrf?: boolean }) => call('POST', url, payload ?? {}, options),
    patch: (url: string, payload: unknown, options?: { csrf?: boolean }) => call('PATCH', url, payload, options),
    delete: (url: string, payload?: unknown, options?: { csrf?: boolean }) => call('DELETE', url, payload, options),
  };
}

/** Mail in the outbox to an address, newest first. */
export async function mailTo(h: Harness, to: string) {
  return h.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to.toLowerCase()).orderBy('id', 'desc').execute();
}

/** The token of the link to `path` in a mail's text. */
export function tokenInLink(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/[/?]/g, '\\$&')}\\?token=([A-Za-z0-9_%-]+)`).exec(text);
  assert.ok(match, `the mail has a ${path} link:\n${text}`);
  return decodeURIComponent(match[1]);
}
