import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.ts';
import { customerPrincipal, integrationAuth } from '../http/hooks.ts';
import { problemResponses } from '../http/schemas.ts';
import { ResourceKindQuery } from '../seats/seat.schemas.ts';
import { IntegrationResourceListSchema, ReportBody, ReportResultSchema } from './integration.schemas.ts';
import type { IntegrationService } from './integration.service.ts';

const security: Record<string, string[]>[] = [{ integrationKey: [] }];
const tags = ['Integration API'];

/** A thousand resources with long names is well past the default body limit. */
const REPORT_BODY_LIMIT = 1024 * 1024;

/** The connectors' API: report providers and schedules with whether each is reachable and synchronised. */
export function registerIntegrationRoutes(app: FastifyInstance, deps: AppDeps, service: IntegrationService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = integrationAuth(deps);

  r.put('/v1/integration/resources', {
    onRequest,
    bodyLimit: REPORT_BODY_LIMIT,
    schema: {
      tags, security, summary: 'Report resources and their state; with fullSync, the ones left out are marked missing',
      body: ReportBody, response: { 200: ReportResultSchema, ...problemResponses },
    },
  }, async (request) => service.report(customerPrincipal(request), request.body));

  r.get('/v1/integration/resources', {
    onRequest,
    schema: { tags, security, summary: 'The customer\'s reported resources with their health', querystring: ResourceKindQuery, response: { 200: IntegrationResourceListSchema, ...problemResponses } },
  }, async (request) => service.list(customerPrincipal(request), request.query.kind));
}
