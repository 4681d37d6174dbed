import { DomainError } from '@leasehold/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminRoute } from '../admin/admin-route.ts';
import { getCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { PortalUserListSchema } from './portal-user.schemas.ts';
import { listUsersAndInvitations } from './portal-user.service.ts';

/** Admin API: who of a customer uses the client portal, for support ("who is the owner?", "was the invitation accepted?"). */
export function registerPortalUserAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { onRequest, ...doc } = adminRoute(deps);
  app.withTypeProvider<ZodTypeProvider>().get('/v1/admin/customers/:id/users', {
    onRequest,
    schema: {
      ...doc, summary: 'A customer\'s client portal users (name, email, role, last sign-in) and pending invitations',
      params: IdParams, response: { 200: PortalUserListSchema, ...problemResponses },
    },
  }, async (request) => {
    const db = deps.database.db;
    if (!(await getCustomer(db, request.params.id))) throw new DomainError('NOT_FOUND', 'No such customer. Find one with GET /v1/admin/customers?q=.');
    return listUsersAndInvitations(db, request.params.id, deps.clock.now());
  });
}
