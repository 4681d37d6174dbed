import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.ts';
import { portalAuth, portalPrincipal } from '../http/hooks.ts';
import { IdParams, PageQuery, problemResponses } from '../http/schemas.ts';
import {
  AccountSchema, AddLicenseBody, AddedLicenseSchema, AssignBody, AssignedSchema, BillSchema, EventPageSchema, LicenseListSchema, PlanListSchema, PoolListSchema,
  RemoveBody, RemovedSchema, ResourceKindQuery, ResourceListSchema, UnassignBody, UnassignedSchema, UpgradeBody, UpgradedSchema,
} from './seat.schemas.ts';
import type { SeatService } from './seat.service.ts';

const security: Record<string, string[]>[] = [{ portalSession: [] }];
const tags = ['Seat management API'];

/**
 * The customer's own licenses, pools, assignments and bill: what the client portal shows and changes.
 * A person's portal session only; the app's credentials get PORTAL_SESSION_REQUIRED (the SDK needs none of this).
 */
export function registerSeatRoutes(app: FastifyInstance, deps: AppDeps, service: SeatService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The portal's session, with the CSRF header on changes.
  const onRequest = portalAuth(deps);
  const doc = (summary: string) => ({ tags, security, summary });

  r.get('/v1/account', { onRequest, schema: { ...doc('The customer account'), response: { 200: AccountSchema, ...problemResponses } } },
    async (request) => service.account(portalPrincipal(request)));

  r.get('/v1/account/licenses', { onRequest, schema: { ...doc('Licenses with their plan, term, assignments and reset budget'), response: { 200: LicenseListSchema, ...problemResponses } } },
    async (request) => service.licenses(portalPrincipal(request)));

  r.get('/v1/account/plans', { onRequest, schema: { ...doc('The plans a license can be added of, with their slots, price and upgrade paths'), response: { 200: PlanListSchema, ...problemResponses } } },
    async () => service.plans());

  r.get('/v1/account/pools', { onRequest, schema: { ...doc('License totals and activation tables, per feature'), response: { 200: PoolListSchema, ...problemResponses } } },
    async (request) => service.pools(portalPrincipal(request)));

  r.get('/v1/account/resources', {
    onRequest, schema: { ...doc('Providers, schedules and computers with their health'), querystring: ResourceKindQuery, response: { 200: ResourceListSchema, ...problemResponses } },
  }, async (request) => service.resources(portalPrincipal(request), request.query.kind));

  r.post('/v1/account/assignments', {
    onRequest, schema: { ...doc('Assign a provider or schedule to a free slot of a feature'), body: AssignBody, response: { 201: AssignedSchema, ...problemResponses } },
  }, async (request, reply) => reply.status(201).send(await service.assign(portalPrincipal(request), request.body)));

  r.delete('/v1/account/assignments/:id', {
    onRequest,
    schema: {
      ...doc('Unassign a row; for a computer this is RESET LICENSE, within the reset budget'),
      params: IdParams, body: UnassignBody, response: { 200: UnassignedSchema, ...problemResponses },
    },
  }, async (request) => service.unassign(portalPrincipal(request), request.params.id, request.body?.reason));

  r.post('/v1/account/licenses', {
    onRequest, schema: { ...doc('Add (buy) a license of a plan, or with dryRun see the price change'), body: AddLicenseBody, response: { 200: AddedLicenseSchema, 201: AddedLicenseSchema, ...problemResponses } },
  }, async (request, reply) => {
    const result = await service.addLicense(portalPrincipal(request), request.body);
    return reply.status(result.dryRun ? 200 : 201).send(result);
  });

  r.post('/v1/account/licenses/:id/upgrade', {
    onRequest, schema: { ...doc('Upgrade a license along its plan\'s upgrade paths (Basic to Plus)'), params: IdParams, body: UpgradeBody, response: { 200: UpgradedSchema, ...problemResponses } },
  }, async (request) => service.upgradeLicense(portalPrincipal(request), request.params.id, request.body));

  const removeDoc = doc('Remove a license, choosing which rows go when fewer slots would remain than are assigned');
  r.post('/v1/account/licenses/:id/remove', { onRequest, schema: { ...removeDoc, params: IdParams, body: RemoveBody, response: { 200: RemovedSchema, ...problemResponses } } },
    async (request) => service.removeLicense(portalPrincipal(request), request.params.id, request.body));
  r.delete('/v1/account/licenses/:id', { onRequest, schema: { ...removeDoc, params: IdParams, body: RemoveBody.nullish(), response: { 200: RemovedSchema, ...problemResponses } } },
    async (request) => service.removeLicense(portalPrincipal(request), request.params.id, request.body ?? {}));

  r.get('/v1/account/bill', { onRequest, schema: { ...doc('What the customer pays now, per billing period'), response: { 200: BillSchema, ...problemResponses } } },
    async (request) => service.bill(portalPrincipal(request)));

  r.get('/v1/account/events', {
    onRequest, schema: { ...doc('The customer\'s activity history, newest first'), querystring: PageQuery, response: { 200: EventPageSchema, ...problemResponses } },
  }, async (request) => service.events(portalPrincipal(request), request.query.limit, request.query.cursor));
}
