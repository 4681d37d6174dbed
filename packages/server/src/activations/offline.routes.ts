import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { customerPrincipal, machineAuth } from '../http/hooks.ts';
import { problemResponses } from '../http/schemas.ts';
import { ActivateBody, MachineAnswerSchema } from './activation.schemas.ts';
import { PublishedKeysSchema } from '../signing/signing.schemas.ts';
import type { OfflineActivationService } from './offline.service.ts';

export const OfflineRequestBody = ActivateBody.extend({
  type: z.literal('leasehold-offline-request'),
  version: z.literal(1),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'a random base64url text of 16 to 128 characters'),
  createdAt: z.string().max(40),
}).describe('The content of the activation request file an air-gapped computer wrote (`leasehold-agent offline-request`).');

const OfflineAnswerSchema = MachineAnswerSchema.extend({
  responseFile: z.object({
    type: z.literal('leasehold-offline-response'),
    version: z.literal(1),
    response: z.string().describe('JWS compact (EdDSA) over { iss, iat, nonce, lease, activation }.'),
    keys: PublishedKeysSchema.describe('The published keys, so a computer that never reaches the server learns a rotated signing key (certified by the root key it trusts) and the retired ones.'),
  }).optional().describe('Give this back to the computer as its response file; present only when the activation was granted.'),
});

/**
 * Air-gapped activation, called by the portal or the admin console on the customer's behalf with the
 * customer's registration details (or a license key) and the request file's content.
 */
export function registerOfflineRoutes(app: FastifyInstance, deps: AppDeps, service: OfflineActivationService): void {
  app.withTypeProvider<ZodTypeProvider>().post('/v1/offline/activations', {
    onRequest: machineAuth(deps),
    schema: {
      tags: ['Machine API'],
      security: [{ registration: [] }, { licenseKey: [] }],
      summary: 'Turn an air-gapped computer\'s activation request file into a signed response file',
      body: OfflineRequestBody,
      response: { 200: OfflineAnswerSchema, ...problemResponses },
    },
  }, async (request) => service.activate(customerPrincipal(request), request.body));
}
