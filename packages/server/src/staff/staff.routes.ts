import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { staffAuth, staffPrincipal } from '../http/hooks.ts';
import { ProblemSchema, problemResponses } from '../http/schemas.ts';
import { clearedSessionCookie, sessionCookie } from '../portal-auth/session.service.ts';
import { dashboardCounts } from './dashboard.service.ts';
import type { StaffAuthService } from './staff-auth.service.ts';
import { STAFF_COOKIE } from './staff-session.ts';
import { DashboardSchema, sessionView, StaffLogonBody, StaffSchema, StaffSessionSchema, staffView, TotpConfirmBody, TotpEnrolmentSchema } from './staff.schemas.ts';

const tags = ['Admin console'];
const security: Record<string, string[]>[] = [{ staffSession: [] }];

/** Signing in to the admin console, its session and TOTP enrolment, and the dashboard's counts. */
export function registerStaffRoutes(app: FastifyInstance, deps: AppDeps, service: StaffAuthService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/v1/staff/logon', {
    schema: {
      tags, summary: 'Sign in with email and password, and the TOTP code when the account has one (401 TOTP_REQUIRED asks for it)',
      body: StaffLogonBody, response: { 200: StaffSessionSchema, ...problemResponses, 429: ProblemSchema },
    },
  }, async (request, reply) => {
    const { sessionToken, staff, csrfToken } = await service.logon(request.body, request.ip);
    return reply.header('set-cookie', sessionCookie(deps.config, sessionToken, STAFF_COOKIE)).header('cache-control', 'no-store').send(sessionView(staff, csrfToken));
  });

  r.post('/v1/staff/logout', {
    onRequest: staffAuth(deps),
    schema: { tags, security, summary: 'Sign out: ends this session', response: { 204: z.null(), ...problemResponses } },
  }, async (request, reply) => {
    await service.logout(staffPrincipal(request));
    return reply.status(204).header('set-cookie', clearedSessionCookie(deps.config, STAFF_COOKIE)).send(null);
  });

  r.get('/v1/staff/session', {
    onRequest: staffAuth(deps),
    schema: { tags, security, summary: 'Who is signed in, and the CSRF token of the session', response: { 200: StaffSessionSchema, ...problemResponses } },
  }, async (request, reply) => {
    const { staff, csrfToken } = await service.session(staffPrincipal(request));
    return reply.header('cache-control', 'no-store').send(sessionView(staff, csrfToken));
  });

  r.post('/v1/staff/totp', {
    onRequest: staffAuth(deps),
    schema: { tags, security, summary: 'Start TOTP enrolment: a new secret and its otpauth URI', response: { 200: TotpEnrolmentSchema, ...problemResponses } },
  }, async (request, reply) => reply.header('cache-control', 'no-store').send(await service.beginTotp(staffPrincipal(request))));

  r.post('/v1/staff/totp/confirm', {
    onRequest: staffAuth(deps),
    schema: { tags, security, summary: 'Confirm TOTP enrolment with a code; sign-in asks for a code from then on', body: TotpConfirmBody, response: { 200: StaffSchema, ...problemResponses } },
  }, async (request) => staffView(await service.confirmTotp(staffPrincipal(request), request.body.code)));

  const { onRequest, ...doc } = adminRoute(deps);
  r.get('/v1/admin/dashboard', {
    onRequest, schema: { ...doc, summary: 'The console\'s dashboard: licenses, computers, check-ins, resets and resources in warning', response: { 200: DashboardSchema, ...problemResponses } },
  }, async () => dashboardCounts(deps.database.db, deps.clock.now()));
}
