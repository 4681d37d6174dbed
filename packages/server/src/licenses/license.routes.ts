import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminActor, adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { pageSchema } from '../http/paging.ts';
import { IdParams, PageQuery, problemResponses } from '../http/schemas.ts';
import { LicenseAdminService } from './license-admin.service.ts';
import {
  ChangePlanBody, ChangePlanPreviewQuery, ChangePlanPreviewSchema, IssueLicenseBody, IssuedLicenseSchema, LicenseDetailSchema, LicenseSchema, LicenseStatusBody,
} from './license.schemas.ts';
import { PlanChangeAdminService } from './plan-change-admin.service.ts';

const SUMMARIES = {
  suspend: 'Suspend a license: its seats stay assigned but stop granting use',
  resume: 'Resume a suspended license',
  cancel: 'Cancel a license for good: its seats are released',
} as const;

/** Admin API: issue, look up and change licenses. */
export function registerLicenseRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new LicenseAdminService(deps);
  const planChanges = new PlanChangeAdminService(deps);

  r.post('/v1/admin/customers/:id/licenses', {
    onRequest, schema: { ...doc, summary: 'Issue a license of a plan to a customer (the key is shown once)', params: IdParams, body: IssueLicenseBody, response: { 201: IssuedLicenseSchema, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(await service.issue(adminActor(request), request.params.id, request.body)));

  r.get('/v1/admin/customers/:id/licenses', {
    onRequest, schema: { ...doc, summary: 'List a customer\'s licenses', params: IdParams, querystring: PageQuery, response: { 200: pageSchema(LicenseSchema), ...problemResponses } },
  }, async (request) => service.listForCustomer(request.params.id, request.query));

  r.get('/v1/admin/licenses/:id', {
    onRequest, schema: { ...doc, summary: 'Get a license with the seats held on it', params: IdParams, response: { 200: LicenseDetailSchema, ...problemResponses } },
  }, async (request) => service.get(request.params.id));

  for (const action of ['suspend', 'resume', 'cancel'] as const) {
    r.post(`/v1/admin/licenses/:id/${action}`, {
      onRequest, schema: { ...doc, summary: SUMMARIES[action], params: IdParams, body: LicenseStatusBody, response: { 200: LicenseSchema, ...problemResponses } },
    }, async (request) => service.changeStatus(adminActor(request), request.params.id, action, request.body?.reason));
  }

  r.post('/v1/admin/licenses/:id/change-plan', {
    onRequest,
    schema: {
      ...doc, summary: 'Move a license to another plan of its product',
      description: 'Staff may move to any plan, not only along upgrade paths. When the new plan gives fewer slots than the customer has in use, nothing changes: the 409 REMOVAL_NEEDS_CHOICE answer lists, per feature, how many seats to release and which ones could go.',
      params: IdParams, body: ChangePlanBody, response: { 200: LicenseSchema, ...problemResponses },
    },
  }, async (request) => planChanges.change(adminActor(request), request.params.id, request.body.plan));

  r.get('/v1/admin/licenses/:id/change-plan/preview', {
    onRequest,
    schema: {
      ...doc, summary: 'What moving a license to another plan would do, changing nothing',
      description: 'The price difference per period, each feature\'s slots on this license and in the customer\'s pool before and after, and, when the pool would be short, the assignments to remove first (canChange false).',
      params: IdParams, querystring: ChangePlanPreviewQuery, response: { 200: ChangePlanPreviewSchema, ...problemResponses },
    },
  }, async (request) => planChanges.preview(request.params.id, request.query.plan));
}
