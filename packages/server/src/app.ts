import http from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { registerAdminOfflineRoutes } from './activations/admin-offline.routes.ts';
import { registerActivationRoutes } from './activations/activation.routes.ts';
import { ActivationService } from './activations/activation.service.ts';
import { registerOfflineRoutes } from './activations/offline.routes.ts';
import { registerPortalOfflineRoutes } from './activations/portal-offline.routes.ts';
import { OfflineActivationService } from './activations/offline.service.ts';
import { registerBillingRoutes } from './billing/billing.routes.ts';
import { registerClientConfigRoutes } from './catalog/client-config.routes.ts';
import { registerAdminRoutes } from './admin/admin.routes.ts';
import type { AppDeps } from './deps.ts';
import { FastLane } from './http/fast-lane.ts';
import { registerJsonBodyParser } from './http/json-body.ts';
import { registerProblemHandlers } from './http/problem.ts';
import { validatorWithFastPaths } from './http/schemas.ts';
import { registerIntegrationRoutes } from './integration/integration.routes.ts';
import { IntegrationService } from './integration/integration.service.ts';
import { registerMailRoutes } from './mail/mail.routes.ts';
import { createMetrics } from './ops/metrics.ts';
import { registerOpsRoutes } from './ops/ops.routes.ts';
import { registerLogonRoutes } from './portal-auth/logon.routes.ts';
import { PortalAuthService } from './portal-auth/logon.service.ts';
import { PasswordResetService } from './portal-auth/password-reset.service.ts';
import { registerRecoveryRoutes } from './portal-auth/recovery.routes.ts';
import { RegistrationRecoveryService } from './portal-auth/registration-recovery.service.ts';
import { registerPortalUserRoutes } from './portal-users/portal-user.routes.ts';
import { PortalUserService } from './portal-users/portal-user.service.ts';
import { registerSeatRoutes } from './seats/seat.routes.ts';
import { SeatService } from './seats/seat.service.ts';
import { registerSupportRoutes } from './support/support.routes.ts';
import { registerSupportAdminRoutes } from './support/support-admin.routes.ts';
import { StaffAdminService } from './staff/staff-admin.service.ts';
import { registerStaffAdminRoutes } from './staff/staff-admin.routes.ts';
import { StaffAuthService } from './staff/staff-auth.service.ts';
import { registerStaffRoutes } from './staff/staff.routes.ts';
import { SupportService } from './support/support.service.ts';
import { registerWebhookRoutes } from './webhooks/webhook.routes.ts';
import { WEB_DIST, registerSpa } from './web/spa.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** node:http's handler for this app: the fast lane's routes, then Fastify. What tests inject through. */
    dispatchHttp(request: http.IncomingMessage, response: http.ServerResponse): void;
  }
}

/** Builds the whole HTTP application from its dependencies. Every route is registered here, explicitly. */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const lane = new FastLane({ bodyLimit: deps.config.bodyLimit, trustProxy: deps.config.trustProxy });
  const app = Fastify({
    loggerInstance: deps.logger,
    logger: deps.logger ? undefined : { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimit,
    trustProxy: lane.trust,
    genReqId: lane.requestId,
    serverFactory: (fastify) => http.createServer((request, response) => lane.dispatch(request, response, fastify)),
  });
  app.decorate('dispatchHttp', (request: http.IncomingMessage, response: http.ServerResponse) => lane.dispatch(request, response, app.routing));
  app.setValidatorCompiler(validatorWithFastPaths);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  registerJsonBodyParser(app);

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
          registration: { type: 'http', scheme: 'basic', description: 'Customer number as user name, registration key as password. The machine API only.' },
          licenseKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: '"License <license key>". The machine API only.' },
          adminKey: { type: 'http', scheme: 'bearer', description: 'Admin API key from `leasehold admin create-key`.' },
          integrationKey: { type: 'http', scheme: 'bearer', description: 'A customer\'s integration key.' },
          staffSession: { type: 'apiKey', in: 'cookie', name: 'lh_staff', description: 'The admin console\'s session cookie; also accepted by the admin API, with the x-csrf-token header on changes.' },
          portalSession: { type: 'apiKey', in: 'cookie', name: 'lh_portal', description: 'The client portal\'s session cookie; changes also send the session\'s csrfToken as the x-csrf-token header.' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const metrics = createMetrics(app, lane.counts);
  lane.attach(app, metrics);
  registerOpsRoutes(app, deps, metrics);

  const activations = new ActivationService(deps);
  registerActivationRoutes(app, deps, activations, metrics, lane);
  const offline = new OfflineActivationService(deps, activations);
  registerOfflineRoutes(app, deps, offline);
  registerClientConfigRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerMailRoutes(app, deps);
  registerBillingRoutes(app, deps);
  registerStaffRoutes(app, deps, new StaffAuthService(deps));
  registerStaffAdminRoutes(app, deps, new StaffAdminService(deps));
  registerSupportAdminRoutes(app, deps);

  registerSeatRoutes(app, deps, new SeatService(deps));
  registerIntegrationRoutes(app, deps, new IntegrationService(deps));

  registerLogonRoutes(app, deps, new PortalAuthService(deps));
  registerRecoveryRoutes(app, deps, new PasswordResetService(deps), new RegistrationRecoveryService(deps));
  registerPortalUserRoutes(app, deps, new PortalUserService(deps));
  registerSupportRoutes(app, deps, new SupportService(deps));
  registerPortalOfflineRoutes(app, deps, offline);
  registerAdminOfflineRoutes(app, deps, offline);

  // The customer portal's single-page app, built by `npm install` (packages/portal).
  await registerSpa(app, { prefix: '/portal/', dir: `${WEB_DIST}portal` });
  // The vendor's admin console, from the same package.
  await registerSpa(app, { prefix: '/admin/', dir: `${WEB_DIST}admin` });

  return app;
}
