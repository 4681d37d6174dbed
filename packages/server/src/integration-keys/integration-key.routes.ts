import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminActor, adminRoute } from '../admin/admin-route.ts';
import { CreatedIntegrationKeySchema, CreateIntegrationKeyBody, IntegrationKeySchema } from '../admin/admin.schemas.ts';
import type { AppDeps } from '../deps.ts';
import { pageSchema } from '../http/paging.ts';
import { IdParams, PageQuery, problemResponses } from '../http/schemas.ts';
import { IntegrationKeyService } from './integration-key.service.ts';

/** Admin API: the per-customer keys the integration connectors use. */
export function registerIntegrationKeyRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new IntegrationKeyService(deps);

  r.post('/v1/admin/customers/:id/integration-keys', {
    onRequest,
    schema: { ...doc, summary: 'Create an integration key for a customer (shown once)', params: IdParams, body: CreateIntegrationKeyBody, response: { 201: CreatedIntegrationKeySchema, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(await service.create(adminActor(request), request.params.id, request.body.name)));

  r.get('/v1/admin/customers/:id/integration-keys', {
    onRequest,
    schema: { ...doc, summary: 'List a customer\'s integration keys, revoked ones too', params: IdParams, querystring: PageQuery, response: { 200: pageSchema(IntegrationKeySchema), ...problemResponses } },
  }, async (request) => service.list(request.params.id, request.query));

  r.post('/v1/admin/integration-keys/:id/revoke', {
    onRequest,
    schema: { ...doc, summary: 'Revoke an integration key: it stops working at once', params: IdParams, response: { 200: IntegrationKeySchema, ...problemResponses } },
  }, async (request) => service.revoke(adminActor(request), request.params.id));
}
