import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { portalAuth, portalPrincipal } from '../http/hooks.ts';
import { ProblemSchema, problemResponses } from '../http/schemas.ts';
import type { PortalAuthService, StartedSession } from './logon.service.ts';
import { LogonBody, MeBody, MeSchema, RegisterBody, RegistrationLogonBody, RegistrationTicketSchema, SessionSchema } from './portal-auth.schemas.ts';
import { clearedSessionCookie, sessionCookie } from './session.service.ts';

const tags = ['Client portal'];
const session: Record<string, string[]>[] = [{ portalSession: [] }];
export const throttledResponses = { ...problemResponses, 429: ProblemSchema };

/** Sets the session cookie; the token itself never appears in a body. */
export function sendSession(reply: FastifyReply, deps: AppDeps, started: StartedSession, status: 200 | 201) {
  const { sessionToken, ...answer } = started;
  return reply.status(status).header('set-cookie', sessionCookie(deps.config, sessionToken)).header('cache-control', 'no-store').send(answer);
}

/** Getting in and out of the client portal (seed 000 steps 1 to 3). */
export function registerLogonRoutes(app: FastifyInstance, deps: AppDeps, service: PortalAuthService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/v1/portal/logon/registration', {
    schema: {
      tags, summary: 'Log on with the registration details, to register an account (first log-on)',
      body: RegistrationLogonBody, response: { 200: RegistrationTicketSchema, ...throttledResponses },
    },
  }, async (request, reply) => reply.header('cache-control', 'no-store').send(await service.logonWithRegistration(request.body, request.ip)));

  r.post('/v1/portal/register', {
    schema: {
      tags, summary: 'Register an account with a registration ticket; starts a session',
      description: 'The customer\'s first account is its owner. Later ones are viewers (read only), and every owner is mailed about them: the registration details sit on every computer of the practice.',
      body: RegisterBody, response: { 201: SessionSchema, ...problemResponses },
    },
  }, async (request, reply) => sendSession(reply, deps, await service.register(request.body), 201));

  r.post('/v1/portal/logon', {
    schema: { tags, summary: 'Log on with email and password; starts a session', body: LogonBody, response: { 200: SessionSchema, ...throttledResponses } },
  }, async (request, reply) => sendSession(reply, deps, await service.logon(request.body, request.ip), 200));

  r.post('/v1/portal/logout', {
    onRequest: portalAuth(deps, { viewerMayChange: true }),
    schema: { tags, security: session, summary: 'Log out: ends this session', response: { 204: z.null().describe('Logged out; the cookie is cleared.'), ...problemResponses } },
  }, async (request, reply) => {
    await service.logout(portalPrincipal(request));
    return reply.status(204).header('set-cookie', clearedSessionCookie(deps.config)).send(null);
  });

  r.get('/v1/portal/session', {
    onRequest: portalAuth(deps),
    schema: { tags, security: session, summary: 'Who is logged on, and the CSRF token of the session', response: { 200: SessionSchema, ...problemResponses } },
  }, async (request, reply) => reply.header('cache-control', 'no-store').send(await service.session(portalPrincipal(request))));

  r.patch('/v1/portal/me', {
    onRequest: portalAuth(deps, { viewerMayChange: true }),
    schema: { tags, security: session, summary: 'Change your own name or language', body: MeBody, response: { 200: MeSchema, ...problemResponses } },
  }, async (request) => service.updateMe(portalPrincipal(request), request.body));
}
