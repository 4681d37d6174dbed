import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminActor, adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { pageSchema } from '../http/paging.ts';
import { PageQuery, problemResponses } from '../http/schemas.ts';
import {
  CreatedEndpointSchema, CreateEndpointBody, DeletedEndpointSchema, DeliveryParams, DeliveryQuery, DeliverySchema, EndpointParams, EndpointSchema, UpdateEndpointBody,
} from './webhook.schemas.ts';
import { WebhookService } from './webhook.service.ts';

/** Admin API: webhook endpoints, their deliveries, retries and test deliveries. */
export function registerWebhookRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new WebhookService(deps);

  r.post('/v1/admin/webhooks', {
    onRequest,
    schema: { ...doc, summary: 'Create a webhook endpoint (its signing secret is shown once)', body: CreateEndpointBody, response: { 201: CreatedEndpointSchema, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(await service.create(adminActor(request), request.body)));

  r.get('/v1/admin/webhooks', {
    onRequest, schema: { ...doc, summary: 'List webhook endpoints', querystring: PageQuery, response: { 200: pageSchema(EndpointSchema), ...problemResponses } },
  }, async (request) => service.list(request.query));

  r.get('/v1/admin/webhooks/:id', {
    onRequest, schema: { ...doc, summary: 'One webhook endpoint', params: EndpointParams, response: { 200: EndpointSchema, ...problemResponses } },
  }, async (request) => service.get(request.params.id));

  r.patch('/v1/admin/webhooks/:id', {
    onRequest,
    schema: { ...doc, summary: 'Change a webhook endpoint\'s URL, description, event types or enabled state', params: EndpointParams, body: UpdateEndpointBody, response: { 200: EndpointSchema, ...problemResponses } },
  }, async (request) => service.update(adminActor(request), request.params.id, request.body));

  r.post('/v1/admin/webhooks/:id/disable', {
    onRequest,
    schema: { ...doc, summary: 'Disable a webhook endpoint: it gets no new deliveries and waiting ones are cancelled', params: EndpointParams, response: { 200: EndpointSchema, ...problemResponses } },
  }, async (request) => service.disable(adminActor(request), request.params.id));

  r.delete('/v1/admin/webhooks/:id', {
    onRequest,
    schema: { ...doc, summary: 'Delete a webhook endpoint and its delivery history', params: EndpointParams, response: { 200: DeletedEndpointSchema, ...problemResponses } },
  }, async (request) => service.delete(adminActor(request), request.params.id));

  r.get('/v1/admin/webhooks/:id/deliveries', {
    onRequest,
    schema: { ...doc, summary: 'An endpoint\'s deliveries, newest first: status, attempts, last answer and error', params: EndpointParams, querystring: DeliveryQuery, response: { 200: pageSchema(DeliverySchema), ...problemResponses } },
  }, async (request) => service.deliveries(request.params.id, request.query));

  r.post('/v1/admin/webhooks/:id/deliveries/:deliveryId/retry', {
    onRequest,
    schema: { ...doc, summary: 'Send a delivery again now, under the same delivery id; answers its outcome', params: DeliveryParams, response: { 200: DeliverySchema, ...problemResponses } },
  }, async (request) => service.retry(adminActor(request), request.params.id, request.params.deliveryId));

  r.post('/v1/admin/webhooks/:id/test', {
    onRequest,
    schema: { ...doc, summary: 'Send a webhook.test event to this endpoint now; answers the delivery with its outcome', params: EndpointParams, response: { 200: DeliverySchema, ...problemResponses } },
  }, async (request) => service.test(adminActor(request), request.params.id));
}
