import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerCatalogRoutes } from '../catalog/catalog.routes.ts';
import { registerCustomerRoutes } from '../customers/customer.routes.ts';
import type { AppDeps } from '../deps.ts';
import { pageSchema } from '../http/paging.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { registerIntegrationKeyRoutes } from '../integration-keys/integration-key.routes.ts';
import { ResetOutcomeSchema } from '../activations/activation.schemas.ts';
import { registerLicenseRoutes } from '../licenses/license.routes.ts';
import { registerPortalUserAdminRoutes } from '../portal-users/portal-user-admin.routes.ts';
import { ActivationAdminService } from './activation-admin.service.ts';
import { adminActor, adminRoute } from './admin-route.ts';
import { ActivationListQuery, AdminActivationSchema, ResourceQuery, ResourceSchema, StaffResetBody } from './admin.schemas.ts';
import { registerEventAdminRoutes } from './event-admin.routes.ts';
import { listResourcesOfCustomer } from './resource-admin.service.ts';

/** The whole admin API (`/v1/admin`, admin API keys): each area's routes, then the cross-cutting reads. */
export function registerAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerCatalogRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerLicenseRoutes(app, deps);
  registerIntegrationKeyRoutes(app, deps);
  registerEventAdminRoutes(app, deps);
  registerPortalUserAdminRoutes(app, deps);

  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const activations = new ActivationAdminService(deps);

  r.get('/v1/admin/customers/:id/activations', {
    onRequest,
    schema: {
      ...doc, summary: 'A customer\'s computers: host name, platform, app version, last check-in, lease end, license, drift history',
      params: IdParams, querystring: ActivationListQuery, response: { 200: pageSchema(AdminActivationSchema), ...problemResponses },
    },
  }, async (request) => activations.list(request.params.id, request.query));

  r.get('/v1/admin/activations/:id', {
    onRequest, schema: { ...doc, summary: 'One activation with its drift history', params: IdParams, response: { 200: AdminActivationSchema, ...problemResponses } },
  }, async (request) => activations.get(request.params.id));

  r.post('/v1/admin/activations/:id/reset', {
    onRequest,
    schema: {
      ...doc, summary: 'Staff reset: free a computer\'s (or any resource\'s) seat, not counted against the customer\'s reset budget',
      params: IdParams, body: StaffResetBody, response: { 200: ResetOutcomeSchema, ...problemResponses },
    },
  }, async (request) => activations.reset(adminActor(request), request.params.id, request.body.reason));

  r.get('/v1/admin/customers/:id/resources', {
    onRequest,
    schema: { ...doc, summary: 'A customer\'s providers, schedules and computers with their health', params: IdParams, querystring: ResourceQuery, response: { 200: pageSchema(ResourceSchema), ...problemResponses } },
  }, async (request) => listResourcesOfCustomer(deps.database.db, request.params.id, deps.clock.now(), request.query));
}
