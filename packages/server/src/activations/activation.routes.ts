import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '@leasehold/core';
import type { CustomerPrincipal } from '../http/auth.ts';
import type { AppDeps } from '../deps.ts';
import type { FastLane } from '../http/fast-lane.ts';
import { replayLaneBody } from '../http/fast-lane.ts';
import { authenticateMachineCached, cachedMachinePrincipal, customerPrincipal, machineAuth } from '../http/hooks.ts';
import { IdParams, problemResponses, sendAsBuilt } from '../http/schemas.ts';
import { ActivateBody, CheckInBody, DeactivateBody, MachineAnswerSchema, ResetBody, ResetOutcomeSchema, ValidateBody } from './activation.schemas.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { ActivationService } from './activation.service.ts';

type CheckIn = z.infer<typeof CheckInBody>;
type Validate = z.infer<typeof ValidateBody>;

const security: Record<string, string[]>[] = [{ registration: [] }, { licenseKey: [] }];
const tags = ['Machine API'];

/**
 * The app's API: activate, check in, validate, deactivate, and reset another computer's seat.
 * Check-in, heartbeat and validate are also served by the fast lane (http/fast-lane.ts), with the
 * same service call, which Fastify's routes here fall back to.
 */
export function registerActivationRoutes(app: FastifyInstance, deps: AppDeps, service: ActivationService, metrics: Metrics, lane: FastLane): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = machineAuth(deps);
  /** Counts the answer's code, or the problem's, for `leasehold_machine_answers_total`. */
  const counted = <T extends { code: string }>(route: string, answer: Promise<T>): Promise<T> => answer.then(
    (value) => { metrics.answers.inc(route, value.code); return value; },
    (error: unknown) => { metrics.answers.inc(route, error instanceof DomainError ? error.code : 'INTERNAL'); throw error; },
  );

  r.post('/v1/activations', {
    onRequest,
    schema: { tags, security, summary: 'Activate this computer (ACTIVATE ONLINE)', body: ActivateBody, response: { 200: MachineAnswerSchema, ...problemResponses } },
  }, (request) => counted('/v1/activations', service.activate(customerPrincipal(request), request.body)));

  for (const action of ['check-in', 'heartbeat'] as const) {
    const route = `/v1/activations/:id/${action}` as const;
    const checkIn = (principal: CustomerPrincipal, id: string, body: CheckIn) => counted(route, service.checkIn(principal, id, body));
    lane.route({
      url: route, body: CheckInBody,
      answer: (authorization, id, body) => authenticateMachineCached(deps, authorization).then((principal) => checkIn(principal, id, body as CheckIn)),
    });
    r.post(route, {
      onRequest,
      preParsing: replayLaneBody,
      serializerCompiler: sendAsBuilt,
      schema: {
        tags, security, params: IdParams, body: CheckInBody, response: { 200: MachineAnswerSchema, ...problemResponses },
        summary: action === 'check-in' ? 'Check in and renew the lease' : 'Heartbeat of a floating seat (same as check-in)',
      },
    }, (request) => checkIn(customerPrincipal(request), request.params.id, request.body));
  }

  const VALIDATE = '/v1/activations/:id/validate';
  const validate = (principal: CustomerPrincipal, id: string, fingerprint: Validate['fingerprint']) => counted(VALIDATE, service.validate(principal, id, fingerprint));
  lane.route({
    url: VALIDATE, body: ValidateBody,
    answer: (authorization, id, body) => {
      const { fingerprint } = body as Validate;
      const principal = cachedMachinePrincipal(deps, authorization);
      if (!principal) return authenticateMachineCached(deps, authorization).then((caller) => validate(caller, id, fingerprint));
      // A repeated validation of a computer is answered from memory, in the same turn of the event loop.
      const known = service.validateIfCached(principal, id, fingerprint);
      if (!known) return validate(principal, id, fingerprint);
      metrics.answers.inc(VALIDATE, known.code);
      return known;
    },
  });
  r.post(VALIDATE, {
    onRequest,
    preParsing: replayLaneBody,
    serializerCompiler: sendAsBuilt,
    schema: { tags, security, summary: 'Validate without changing anything', params: IdParams, body: ValidateBody, response: { 200: MachineAnswerSchema, ...problemResponses } },
  }, (request) => validate(customerPrincipal(request), request.params.id, request.body?.fingerprint));

  r.delete('/v1/activations/:id', {
    onRequest,
    schema: {
      tags, security, params: IdParams, body: DeactivateBody, response: { 200: z.object({ released: z.literal(true), activationId: z.string() }), ...problemResponses },
      summary: 'Deactivate: give this computer\'s seat back',
      description: 'Only the computer itself: send its activationSecret, or its fingerprint (matched within the policy\'s tolerance). '
        + 'Anything else is 403 RESET_REQUIRED: freeing another computer\'s seat is a reset (POST /v1/activations/:id/reset), counted against the budget.',
    },
  }, async (request) => service.deactivate(customerPrincipal(request), request.params.id, request.body ?? {}));

  r.post('/v1/activations/:id/reset', {
    onRequest,
    schema: { tags, security, summary: 'Reset the seat another computer holds, within the reset budget', params: IdParams, body: ResetBody, response: { 200: ResetOutcomeSchema, ...problemResponses } },
  }, async (request) => service.resetFromApp(customerPrincipal(request), request.params.id, request.body.reason));
}
