import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminActor, adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { pageSchema } from '../http/paging.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { MailAdminService } from './mail-admin.service.ts';
import { MailQuery, MailSchema } from './mail.schemas.ts';

/** Admin API: the mail outbox and sending a mail again. */
export function registerMailRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new MailAdminService(deps);

  r.get('/v1/admin/mail', {
    onRequest,
    schema: {
      ...doc, summary: 'The mail outbox, newest first: each mail as it is sent, with its status, attempts and last error',
      querystring: MailQuery, response: { 200: pageSchema(MailSchema), ...problemResponses },
    },
  }, async (request) => service.list(request.query));

  r.post('/v1/admin/mail/:id/retry', {
    onRequest,
    schema: { ...doc, summary: 'Send a pending or failed mail now; answers the mail with the outcome', params: IdParams, response: { 200: MailSchema, ...problemResponses } },
  }, async (request) => service.retry(adminActor(request), request.params.id));
}
