import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminActor, adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { AdminOfflineActivationService } from './admin-offline.service.ts';
import type { OfflineActivationService } from './offline.service.ts';
import { PortalOfflineAnswer, PortalOfflineBody, fileName, parseRequestFile } from './portal-offline.routes.ts';

/** Admin API: answer an air-gapped computer's request file on a customer's behalf; same answer as the portal's. */
export function registerAdminOfflineRoutes(app: FastifyInstance, deps: AppDeps, offline: OfflineActivationService): void {
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new AdminOfflineActivationService(deps, offline);
  app.withTypeProvider<ZodTypeProvider>().post('/v1/admin/customers/:id/offline-activations', {
    onRequest,
    schema: {
      ...doc, summary: 'Turn a customer\'s air-gapped computer\'s request file into its signed response file',
      description: 'The staff member is the actor of the activation. A request from a computer that holds a seat of another customer is refused with 409 COMPUTER_OF_ANOTHER_CUSTOMER, naming that customer.',
      params: IdParams, body: PortalOfflineBody, response: { 200: PortalOfflineAnswer, ...problemResponses },
    },
  }, async (request) => {
    const file = parseRequestFile(request.body.request);
    const { responseFile, ...answer } = await service.answer(adminActor(request), request.params.id, file);
    return {
      ...answer,
      response: responseFile ? `${JSON.stringify(responseFile, null, 2)}\n` : null,
      filename: responseFile ? fileName(file.hostName) : null,
    };
  });
}
