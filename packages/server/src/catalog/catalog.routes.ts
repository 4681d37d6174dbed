import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminActor, adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { pageSchema } from '../http/paging.ts';
import { IdParams, PageQuery, problemResponses } from '../http/schemas.ts';
import { CatalogAdminService } from './catalog-admin.service.ts';
import { registerCatalogImpactRoutes } from './catalog-impact.routes.ts';
import {
  AddUpgradeBody, CatalogListQuery, CreateFeatureBody, CreatePlanBody, CreatePolicyBody, CreateProductBody, FeatureSchema, PlanSchema,
  PolicySchema, ProductSchema, UpgradePathParams, UpdateFeatureBody, UpdatePlanBody, UpdatePolicyBody, UpdateProductBody,
} from './catalog.schemas.ts';

/** Admin API: the catalogue of products, their features, policies and plans. */
export function registerCatalogRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new CatalogAdminService(deps);
  const byId = 'Takes the id; products and plans also answer to their code.';

  r.get('/v1/admin/products', {
    onRequest, schema: { ...doc, summary: 'List products', querystring: PageQuery, response: { 200: pageSchema(ProductSchema), ...problemResponses } },
  }, async (request) => service.listProducts(request.query));
  r.get('/v1/admin/products/:id', {
    onRequest, schema: { ...doc, summary: 'Get a product', description: byId, params: IdParams, response: { 200: ProductSchema, ...problemResponses } },
  }, async (request) => service.getProduct(request.params.id));
  r.post('/v1/admin/products', {
    onRequest, schema: { ...doc, summary: 'Create a product', body: CreateProductBody, response: { 201: ProductSchema, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(await service.createProduct(adminActor(request), request.body)));
  r.patch('/v1/admin/products/:id', {
    onRequest, schema: { ...doc, summary: 'Rename a product', params: IdParams, body: UpdateProductBody, response: { 200: ProductSchema, ...problemResponses } },
  }, async (request) => service.updateProduct(adminActor(request), request.params.id, request.body));

  r.get('/v1/admin/features', {
    onRequest, schema: { ...doc, summary: 'List features, optionally of one product', querystring: CatalogListQuery, response: { 200: pageSchema(FeatureSchema), ...problemResponses } },
  }, async (request) => service.listFeatures(request.query.product, request.query));
  r.get('/v1/admin/features/:id', {
    onRequest, schema: { ...doc, summary: 'Get a feature', params: IdParams, response: { 200: FeatureSchema, ...problemResponses } },
  }, async (request) => service.getFeature(request.params.id));
  r.post('/v1/admin/features', {
    onRequest, schema: { ...doc, summary: 'Add a feature to a product', body: CreateFeatureBody, response: { 201: FeatureSchema, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(await service.createFeature(adminActor(request), request.body)));
  r.patch('/v1/admin/features/:id', {
    onRequest, schema: { ...doc, summary: 'Rename a feature (English and French)', params: IdParams, body: UpdateFeatureBody, response: { 200: FeatureSchema, ...problemResponses } },
  }, async (request) => service.updateFeature(adminActor(request), request.params.id, request.body));

  r.get('/v1/admin/policies', {
    onRequest, schema: { ...doc, summary: 'List policies, optionally of one product', querystring: CatalogListQuery, response: { 200: pageSchema(PolicySchema), ...problemResponses } },
  }, async (request) => service.listPolicies(request.query.product, request.query));
  r.get('/v1/admin/policies/:id', {
    onRequest, schema: { ...doc, summary: 'Get a policy', params: IdParams, response: { 200: PolicySchema, ...problemResponses } },
  }, async (request) => service.getPolicy(request.params.id));
  r.post('/v1/admin/policies', {
    onRequest, schema: { ...doc, summary: 'Create a policy', body: CreatePolicyBody, response: { 201: PolicySchema, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(await service.createPolicy(adminActor(request), request.body)));
  r.patch('/v1/admin/policies/:id', {
    onRequest,
    schema: {
      ...doc, summary: 'Change policy settings', description: 'Applies to every license of the policy\'s plans from their next check-in.',
      params: IdParams, body: UpdatePolicyBody, response: { 200: PolicySchema, ...problemResponses },
    },
  }, async (request) => service.updatePolicy(adminActor(request), request.params.id, request.body));

  r.get('/v1/admin/plans', {
    onRequest, schema: { ...doc, summary: 'List plans (license types), optionally of one product', querystring: CatalogListQuery, response: { 200: pageSchema(PlanSchema), ...problemResponses } },
  }, async (request) => service.listPlans(request.query.product, request.query));
  r.get('/v1/admin/plans/:id', {
    onRequest, schema: { ...doc, summary: 'Get a plan', description: byId, params: IdParams, response: { 200: PlanSchema, ...problemResponses } },
  }, async (request) => service.getPlan(request.params.id));
  r.post('/v1/admin/plans', {
    onRequest, schema: { ...doc, summary: 'Create a plan', body: CreatePlanBody, response: { 201: PlanSchema, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(await service.createPlan(adminActor(request), request.body)));
  r.patch('/v1/admin/plans/:id', {
    onRequest,
    schema: {
      ...doc, summary: 'Change a plan\'s names, price, policy or slots',
      description: 'A new price applies to licenses issued or upgraded from now on; bills keep the price a license took. New slots apply to every license of the plan at once. See POST /v1/admin/plans/{id}/impact first.',
      params: IdParams, body: UpdatePlanBody, response: { 200: PlanSchema, ...problemResponses },
    },
  }, async (request) => service.updatePlan(adminActor(request), request.params.id, request.body));
  r.post('/v1/admin/plans/:id/upgrades', {
    onRequest, schema: { ...doc, summary: 'Let customers upgrade this plan to another', params: IdParams, body: AddUpgradeBody, response: { 200: PlanSchema, ...problemResponses } },
  }, async (request) => service.addUpgradePath(adminActor(request), request.params.id, request.body.to));
  r.delete('/v1/admin/plans/:id/upgrades/:to', {
    onRequest, schema: {
      ...doc, summary: 'Stop offering customers the upgrade of this plan to another',
      description: 'Licenses already upgraded keep their plan. `to` is the plan id or code.',
      params: UpgradePathParams, response: { 200: PlanSchema, ...problemResponses },
    },
  }, async (request) => service.removeUpgradePath(adminActor(request), request.params.id, request.params.to));

  registerCatalogImpactRoutes(app, deps);
}
