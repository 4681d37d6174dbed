import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { portalAuth, portalPrincipal } from '../http/hooks.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { sendSession } from '../portal-auth/logon.routes.ts';
import { SessionSchema } from '../portal-auth/portal-auth.schemas.ts';
import { AcceptInvitationBody, InvitationParams, InvitationSchema, InviteBody, PortalUserListSchema, PortalUserSchema, RoleBody } from './portal-user.schemas.ts';
import type { PortalUserService } from './portal-user.service.ts';

const tags = ['Client portal'];
const security: Record<string, string[]>[] = [{ portalSession: [] }];

/** The organisation's portal accounts and invitations. */
export function registerPortalUserRoutes(app: FastifyInstance, deps: AppDeps, service: PortalUserService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = portalAuth(deps);

  r.get('/v1/portal/users', {
    onRequest, schema: { tags, security, summary: 'The organisation\'s accounts and pending invitations', response: { 200: PortalUserListSchema, ...problemResponses } },
  }, async (request) => service.list(portalPrincipal(request)));

  r.post('/v1/portal/invitations', {
    onRequest, schema: { tags, security, summary: 'Invite someone by email as an admin or a viewer (link valid 7 days)', body: InviteBody, response: { 201: InvitationSchema, ...problemResponses } },
  }, async (request, reply) => reply.status(201).send(await service.invite(portalPrincipal(request), request.body)));

  r.post('/v1/portal/invitations/:email/resend', {
    onRequest, schema: { tags, security, summary: 'Send a pending invitation again: the same role, a new link valid 7 days; the earlier link stops working', params: InvitationParams, response: { 200: InvitationSchema, ...problemResponses } },
  }, async (request) => service.resendInvitation(portalPrincipal(request), request.params.email));

  r.post('/v1/portal/invitations/accept', {
    schema: { tags, summary: 'Accept an invitation: creates the account for the invited address and starts a session', body: AcceptInvitationBody, response: { 201: SessionSchema, ...problemResponses } },
  }, async (request, reply) => sendSession(reply, deps, await service.acceptInvitation(request.body), 201));

  r.patch('/v1/portal/users/:id', {
    onRequest, schema: { tags, security, summary: 'Change a user\'s role (owners only; the last owner stays)', params: IdParams, body: RoleBody, response: { 200: PortalUserSchema, ...problemResponses } },
  }, async (request) => service.changeRole(portalPrincipal(request), request.params.id, request.body.role));

  r.delete('/v1/portal/users/:id', {
    onRequest, schema: { tags, security, summary: 'Remove a user (owners only; the last owner stays)', params: IdParams, response: { 204: z.null().describe('Removed.'), ...problemResponses } },
  }, async (request, reply) => {
    await service.remove(portalPrincipal(request), request.params.id);
    return reply.status(204).send(null);
  });
}
