import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { ImpactSchema } from './catalog-impact.schemas.ts';
import { CatalogImpactService } from './catalog-impact.service.ts';
import { UpdateFeatureBody, UpdatePlanBody, UpdatePolicyBody, UpdateProductBody } from './catalog.schemas.ts';

const description = 'Takes the body of the PATCH and answers what the change would affect, changing nothing: who uses it now, and each consequence with the customers, licenses or computers it names.';

/** Admin API: the impact of a catalogue change, shown before it is saved. */
export function registerCatalogImpactRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new CatalogImpactService(deps);
  const schema = <B>(summary: string, body: B) => ({ ...doc, summary, description, params: IdParams, body, response: { 200: ImpactSchema, ...problemResponses } });

  r.post('/v1/admin/products/:id/impact', { onRequest, schema: schema('What renaming a product would affect', UpdateProductBody) },
    async (request) => service.product(request.params.id, request.body));
  r.post('/v1/admin/features/:id/impact', { onRequest, schema: schema('What renaming a feature would affect', UpdateFeatureBody) },
    async (request) => service.feature(request.params.id, request.body));
  r.post('/v1/admin/policies/:id/impact', { onRequest, schema: schema('What changing a policy would affect', UpdatePolicyBody) },
    async (request) => service.policy(request.params.id, request.body));
  r.post('/v1/admin/plans/:id/impact', { onRequest, schema: schema('What changing a plan would affect', UpdatePlanBody) },
    async (request) => service.plan(request.params.id, request.body));
}
