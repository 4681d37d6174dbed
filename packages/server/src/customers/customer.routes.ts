import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminActor, adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { pageSchema } from '../http/paging.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { CustomerAdminService } from './customer-admin.service.ts';
import {
  CreateCustomerBody, CreatedCustomerSchema, CustomerDetailSchema, CustomerSchema, CustomerSearchQuery, ReissueRegistrationBody, ReissuedRegistrationSchema, UpdateCustomerBody,
} from './customer.schemas.ts';

/** Admin API: find, open, create and change customers. */
export function registerCustomerRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new CustomerAdminService(deps);

  r.get('/v1/admin/customers', {
    onRequest,
    schema: { ...doc, summary: 'Find customers by number, name, contact email or a computer\'s host name', querystring: CustomerSearchQuery, response: { 200: pageSchema(CustomerSchema), ...problemResponses } },
  }, async (request) => service.search(request.query));

  r.post('/v1/admin/customers', {
    onRequest,
    schema: { ...doc, summary: 'Create a customer (the registration details are shown once)', body: CreateCustomerBody, response: { 201: CreatedCustomerSchema, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(await service.create(adminActor(request), request.body)));

  r.get('/v1/admin/customers/:id', {
    onRequest,
    schema: { ...doc, summary: 'A customer with licenses, pool totals and resources with health', params: IdParams, response: { 200: CustomerDetailSchema, ...problemResponses } },
  }, async (request) => service.detail(request.params.id));

  r.patch('/v1/admin/customers/:id', {
    onRequest,
    schema: { ...doc, summary: 'Change a customer\'s name, contact or address', params: IdParams, body: UpdateCustomerBody, response: { 200: CustomerSchema, ...problemResponses } },
  }, async (request) => service.update(adminActor(request), request.params.id, request.body));

  for (const [action, status] of [['suspend', 'suspended'], ['resume', 'active']] as const) {
    r.post(`/v1/admin/customers/:id/${action}`, {
      onRequest,
      schema: {
        ...doc, params: IdParams, response: { 200: CustomerSchema, ...problemResponses },
        summary: action === 'suspend' ? 'Suspend a customer: the app is refused and the portal cannot change anything' : 'Resume a suspended customer',
      },
    }, async (request) => service.setStatus(adminActor(request), request.params.id, status));
  }

  r.post('/v1/admin/customers/:id/reissue-registration', {
    onRequest,
    schema: {
      ...doc, summary: 'New registration details (the old key stops working; the new one is shown once)',
      description: 'With `email: true` the new details are also queued, in the same transaction, to the customer\'s contact email in the customer\'s language; a customer with no contact email is a 409 and nothing changes.',
      params: IdParams, body: ReissueRegistrationBody, response: { 200: ReissuedRegistrationSchema, ...problemResponses },
    },
  }, async (request) => service.reissueRegistration(adminActor(request), request.params.id, { email: request.body?.email ?? false }));
}
