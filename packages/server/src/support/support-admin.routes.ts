import { DomainError } from '@leasehold/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminActor, adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent } from '../events/event.repository.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { closeSupportRequest, getSupportRequest, listSupportRequests, type SupportRequestRecord } from './support-request.repository.ts';

const SupportRequestSchema = z.object({
  id: z.string(), kind: z.string(), customerId: z.string().nullable(), name: z.string().nullable(), businessName: z.string().nullable(),
  address: z.string().nullable(), email: z.string(), subject: z.string().nullable(), message: z.string().nullable(),
  status: z.enum(['open', 'closed']), createdAt: z.string(), closedAt: z.string().nullable(),
});
const SupportQuery = z.object({ status: z.enum(['open', 'closed']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

const view = (r: SupportRequestRecord) => ({
  id: r.id, kind: r.kind, customerId: r.customerId, name: r.name, businessName: r.businessName, address: r.address, email: r.email,
  subject: r.subject, message: r.message, status: r.status, createdAt: new Date(r.createdAt).toISOString(), closedAt: r.closedAt === null ? null : new Date(r.closedAt).toISOString(),
});

/** Admin API: the support queue the portal fills (lost registration details, questions). */
export function registerSupportAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);

  r.get('/v1/admin/support-requests', {
    onRequest, schema: { ...doc, summary: 'The support queue, newest first', querystring: SupportQuery, response: { 200: z.object({ items: z.array(SupportRequestSchema) }), ...problemResponses } },
  }, async (request) => ({ items: (await listSupportRequests(deps.database.db, request.query)).map(view) }));

  r.post('/v1/admin/support-requests/:id/close', {
    onRequest, schema: { ...doc, summary: 'Close a support request once answered', params: IdParams, response: { 200: SupportRequestSchema, ...problemResponses } },
  }, async (request) => {
    const now = deps.clock.now();
    const actor = adminActor(request);
    return deps.database.transaction(async (trx) => {
      const found = await getSupportRequest(trx, request.params.id);
      if (!found) throw new DomainError('NOT_FOUND', 'No support request has this id. Reload the support queue.');
      if (found.status === 'open') {
        await closeSupportRequest(trx, found.id, now);
        await insertEvent(trx, { customerId: found.customerId, type: 'support_request.closed', actor, subjectType: 'support_request', subjectId: found.id }, now);
      }
      return view((await getSupportRequest(trx, found.id))!);
    });
  });
}
