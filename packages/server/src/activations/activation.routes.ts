import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { customerPrincipal, machineAuth } from '../http/hooks.ts';
import { IdParams, problemResponses, sendAsBuilt } from '../http/schemas.ts';
import { ActivateBody, CheckInBody, MachineAnswerSchema, ResetBody, ResetOutcomeSchema, ValidateBody } from './activation.schemas.ts';
import type { ActivationService } from './activation.service.ts';

const security: Record<string, string[]>[] = [{ registration: [] }, { licenseKey: [] }];
const tags = ['Machine API'];

/** The app's API: activate, check in, validate, deactivate, and reset another computer's seat. */
export function registerActivationRoutes(app: FastifyInstance, deps: AppDeps, service: ActivationService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = machineAuth(deps);

  r.post('/v1/activations', {
    onRequest,
    schema: { tags, security, summary: 'Activate this computer (ACTIVATE ONLINE)', body: ActivateBody, response: { 200: MachineAnswerSchema, ...problemResponses } },
  }, async (request) => service.activate(customerPrincipal(request), request.body));

  for (const action of ['check-in', 'heartbeat'] as const) {
    r.post(`/v1/activations/:id/${action}`, {
      onRequest,
      serializerCompiler: sendAsBuilt,
      schema: {
        tags, security, params: IdParams, body: CheckInBody, response: { 200: MachineAnswerSchema, ...problemResponses },
        summary: action === 'check-in' ? 'Check in and renew the lease' : 'Heartbeat of a floating seat (same as check-in)',
      },
    }, async (request) => service.checkIn(customerPrincipal(request), request.params.id, request.body));
  }

  r.post('/v1/activations/:id/validate', {
    onRequest,
    serializerCompiler: sendAsBuilt,
    schema: { tags, security, summary: 'Validate without changing anything', params: IdParams, body: ValidateBody, response: { 200: MachineAnswerSchema, ...problemResponses } },
  }, async (request) => service.validate(customerPrincipal(request), request.params.id, request.body?.fingerprint));

  r.delete('/v1/activations/:id', {
    onRequest,
    schema: { tags, security, summary: 'Deactivate: give this computer\'s seat back', params: IdParams, response: { 200: z.object({ released: z.literal(true), activationId: z.string() }), ...problemResponses } },
  }, async (request) => service.deactivate(customerPrincipal(request), request.params.id));

  r.post('/v1/activations/:id/reset', {
    onRequest,
    schema: { tags, security, summary: 'Reset the seat another computer holds, within the reset budget', params: IdParams, body: ResetBody, response: { 200: ResetOutcomeSchema, ...problemResponses } },
  }, async (request) => service.resetFromApp(customerPrincipal(request), request.params.id, request.body.reason));
}
