import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { createStaffUser } from '../staff/staff-auth.service.ts';
import type { StaffRole } from '../staff/staff.repository.ts';
import { json, type Harness } from './harness.ts';
import { PASSWORD } from './portal-fixtures.ts';

/** A staff member signed in to the console: their id, the staff cookie and the session's CSRF token. */
export interface StaffSessionFixture {
  staffId: string;
  email: string;
  role: StaffRole;
  cookie: string;
  csrfToken: string;
}

let made = 0;

/** The `lh_staff=…` pair of the response's Set-Cookie, as the browser sends it back. */
export function staffCookieOf(response: LightMyRequestResponse): string {
  const header = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('lh_staff='));
  assert.ok(header, `the answer sets the staff cookie: ${response.body}`);
  return header.split(';')[0];
}

/** A new staff account of the role (named "Staff <role>", password PASSWORD), signed in through POST /v1/staff/logon. */
export async function signInStaff(h: Harness, role: StaffRole): Promise<StaffSessionFixture> {
  const email = `${role}-${++made}-${Math.random().toString(36).slice(2, 7)}@vendor.test`;
  await createStaffUser(h.deps, { email, name: `Staff ${role}`, role, password: PASSWORD }, SYSTEM_ACTOR);
  const response = await h.request({ method: 'POST', url: '/v1/staff/logon', payload: { email, password: PASSWORD } });
  assert.equal(response.statusCode, 200, response.body);
  const body = json(response);
  return { staffId: body.staff.id, email, role, cookie: staffCookieOf(response), csrfToken: body.csrfToken };
}

/** Calls the API as the console does: `asStaff(h, staff)('POST', url, body)` sends the cookie, and the CSRF header on changes. */
export function asStaff(h: Harness, staff: Pick<StaffSessionFixture, 'cookie' | 'csrfToken'>) {
  return (method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { cookie: staff.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = staff.csrfToken;
    return h.request({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  };
}
