import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerActivationRoutes } from './activations/activation.routes.ts';
import { ActivationService } from './activations/activation.service.ts';
import { registerOfflineRoutes } from './activations/offline.routes.ts';
import { OfflineActivationService } from './activations/offline.service.ts';
import { registerClientConfigRoutes } from './catalog/client-config.routes.ts';
import { registerAdminRoutes } from './admin/admin.routes.ts';
import type { AppDeps } from './deps.ts';
import { registerProblemHandlers } from './http/problem.ts';
import { registerIntegrationRoutes } from './integration/integration.routes.ts';
import { IntegrationService } from './integration/integration.service.ts';
import { createMetrics } from './ops/metrics.ts';
import { registerOpsRoutes } from './ops/ops.routes.ts';
import { registerSeatRoutes } from './seats/seat.routes.ts';
import { SeatService } from './seats/seat.service.ts';

/** Builds the whole HTTP application from its dependencies. Every route is registered here, explicitly. */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    logger: deps.logger ? undefined : { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimit,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Leasehold API',
        version: '0.1.0',
        description: 'License server: the machine API the app calls, the seat-management API the portal calls, the integration API for connectors, and the admin API. Errors are application/problem+json with a stable `code`.',
      },
      servers: [{ url: deps.config.publicUrl }],
      components: {
        securitySchemes: {
          registration: { type: 'http', scheme: 'basic', description: 'Customer number as user name, registration key as password.' },
          licenseKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: '"License <license key>"' },
          adminKey: { type: 'http', scheme: 'bearer', description: 'Admin API key from `leasehold admin create-key`.' },
          integrationKey: { type: 'http', scheme: 'bearer', description: 'A customer\'s integration key.' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const metrics = createMetrics(app);
  registerOpsRoutes(app, deps, metrics);

  const activations = new ActivationService(deps);
  registerActivationRoutes(app, deps, activations);
  registerOfflineRoutes(app, deps, new OfflineActivationService(deps, activations));
  registerClientConfigRoutes(app, deps);
  registerAdminRoutes(app, deps);

  registerSeatRoutes(app, deps, new SeatService(deps));
  registerIntegrationRoutes(app, deps, new IntegrationService(deps));

  return app;
}
