import { DomainError } from '@leasehold/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { requireActiveCustomer } from '../http/auth.ts';
import { portalAuth, portalPrincipal } from '../http/hooks.ts';
import { problemResponses } from '../http/schemas.ts';
import { MachineAnswerSchema } from './activation.schemas.ts';
import { OfflineRequestBody } from './offline.routes.ts';
import type { OfflineActivationService } from './offline.service.ts';

export const PortalOfflineBody = z.object({
  request: z.union([z.string().max(65_536), z.record(z.string(), z.unknown())]).describe('The content of the request file the computer wrote, as text (or already parsed).'),
});

export const PortalOfflineAnswer = MachineAnswerSchema.extend({
  response: z.string().nullable().describe('The content of the response file to give back to the computer; null when the activation was not granted (see code and detail).'),
  filename: z.string().nullable(),
});

/** The request file's content, checked as the machine API checks it; a file that is not one is a 400 that says so. */
export function parseRequestFile(content: string | Record<string, unknown>) {
  let value: unknown = content;
  if (typeof content === 'string') {
    try {
      value = JSON.parse(content.replace(/^\uFEFF/, ''));
    } catch {
      throw new DomainError('VALIDATION_FAILED', 'This is not a Leasehold activation request file (it is not JSON). Upload the file the app wrote for offline activation.');
    }
  }
  const parsed = OfflineRequestBody.safeParse(value);
  if (!parsed.success) {
    const type = (value as { type?: unknown } | null)?.type;
    throw new DomainError('VALIDATION_FAILED', type === 'leasehold-offline-response'
      ? 'This is a response file. Upload the request file the computer wrote.'
      : 'This is not a Leasehold activation request file. Upload the file the app wrote for offline activation.', {
      errors: parsed.error.issues.map((issue) => ({ field: ['body', 'request', ...issue.path.map(String)].join('.'), message: issue.message })),
    });
  }
  return parsed.data;
}

export const fileName = (hostName: string) => `leasehold-response-${hostName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'computer'}.json`;

/** Air-gapped activation from the client portal: upload the request file, download the signed response file. */
export function registerPortalOfflineRoutes(app: FastifyInstance, deps: AppDeps, service: OfflineActivationService): void {
  app.withTypeProvider<ZodTypeProvider>().post('/v1/portal/offline-activations', {
    onRequest: portalAuth(deps),
    schema: {
      tags: ['Client portal'], security: [{ portalSession: [] }], summary: 'Turn an air-gapped computer\'s request file into its signed response file',
      body: PortalOfflineBody, response: { 200: PortalOfflineAnswer, ...problemResponses },
    },
  }, async (request) => {
    const principal = portalPrincipal(request);
    requireActiveCustomer(principal);
    const file = parseRequestFile(request.body.request);
    const { responseFile, ...answer } = await service.activate(principal, file);
    return {
      ...answer,
      response: responseFile ? `${JSON.stringify(responseFile, null, 2)}\n` : null,
      filename: responseFile ? fileName(file.hostName) : null,
    };
  });
}
