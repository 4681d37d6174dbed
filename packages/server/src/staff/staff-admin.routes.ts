import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { adminPrincipal } from '../http/hooks.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { sessionCookie } from '../portal-auth/session.service.ts';
import {
  AcceptStaffInvitationBody, invitationView, memberView, StaffInvitationAnswer, StaffInvitationParams, StaffInviteBody, StaffListSchema, StaffMemberSchema, StaffRoleBody,
} from './staff-admin.schemas.ts';
import type { StaffAdminService } from './staff-admin.service.ts';
import { STAFF_COOKIE } from './staff-session.ts';
import { sessionView, StaffSessionSchema } from './staff.schemas.ts';

const OWNERS = ' Owners only (staff-roles.ts).';

/** The console's staff accounts, managed by owners; and the public page an invitation's link opens. */
export function registerStaffAdminRoutes(app: FastifyInstance, deps: AppDeps, service: StaffAdminService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const member = { params: IdParams, response: { 200: StaffMemberSchema, ...problemResponses } };

  r.get('/v1/admin/staff', {
    onRequest, schema: { ...doc, summary: `Staff accounts and pending invitations.${OWNERS}`, response: { 200: StaffListSchema, ...problemResponses } },
  }, async () => {
    const { staff, invitations } = await service.list();
    return { items: staff.map(memberView), invitations: invitations.map(invitationView) };
  });

  r.post('/v1/admin/staff/invitations', {
    onRequest, schema: { ...doc, summary: `Invite someone by email: a single-use link, valid 3 days, to choose a password.${OWNERS}`, body: StaffInviteBody, response: { 201: StaffInvitationAnswer, ...problemResponses } },
  }, async (request, reply) => reply.status(201).send({ invitation: invitationView(await service.invite(adminPrincipal(request), request.body)) }));

  r.post('/v1/admin/staff/invitations/:email/resend', {
    onRequest, schema: { ...doc, summary: `Send a pending invitation again: the same name, role and language, a new link valid 3 days; the earlier link stops working.${OWNERS}`, params: StaffInvitationParams, response: { 200: StaffInvitationAnswer, ...problemResponses } },
  }, async (request) => ({ invitation: invitationView(await service.resendInvitation(adminPrincipal(request), request.params.email)) }));

  r.delete('/v1/admin/staff/invitations/:email', {
    onRequest, schema: { ...doc, summary: `Cancel a pending invitation: its link stops working.${OWNERS}`, params: StaffInvitationParams, response: { 204: z.null().describe('Cancelled.'), ...problemResponses } },
  }, async (request, reply) => {
    await service.cancelInvitation(adminPrincipal(request), request.params.email);
    return reply.status(204).send(null);
  });

  r.patch('/v1/admin/staff/:id', {
    onRequest, schema: { ...doc, summary: `Change a staff member's role; the last active owner keeps theirs.${OWNERS}`, body: StaffRoleBody, ...member },
  }, async (request) => memberView(await service.changeRole(adminPrincipal(request), request.params.id, request.body.role)));

  r.post('/v1/admin/staff/:id/disable', {
    onRequest, schema: { ...doc, summary: `Disable an account: its sessions end and it cannot sign in. Not your own, not the last active owner.${OWNERS}`, ...member },
  }, async (request) => memberView(await service.setDisabled(adminPrincipal(request), request.params.id, true)));

  r.post('/v1/admin/staff/:id/enable', {
    onRequest, schema: { ...doc, summary: `Enable a disabled account: it can sign in again.${OWNERS}`, ...member },
  }, async (request) => memberView(await service.setDisabled(adminPrincipal(request), request.params.id, false)));

  r.post('/v1/admin/staff/:id/reset-totp', {
    onRequest, schema: { ...doc, summary: `Turn off someone's two-step sign-in (a lost phone); they turn it on again from their account.${OWNERS}`, ...member },
  }, async (request) => memberView(await service.resetTotp(adminPrincipal(request), request.params.id)));

  r.post('/v1/staff/invitations/accept', {
    schema: {
      tags: ['Admin console'], summary: 'Accept a staff invitation with the token of its link: choose a password; the account is signed in',
      body: AcceptStaffInvitationBody, response: { 201: StaffSessionSchema, ...problemResponses },
    },
  }, async (request, reply) => {
    const { sessionToken, staff, csrfToken } = await service.acceptInvitation(request.body);
    return reply.status(201).header('set-cookie', sessionCookie(deps.config, sessionToken, STAFF_COOKIE)).header('cache-control', 'no-store').send(sessionView(staff, csrfToken));
  });
}
