import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { optionalPortalAuth } from '../http/hooks.ts';
import { problemResponses } from '../http/schemas.ts';
import type { SupportService } from './support.service.ts';

export const SupportRequestBody = z.object({
  subject: z.string().trim().min(1).max(200),
  message: z.string().trim().min(1).max(5000),
  name: z.string().trim().min(1).max(120).optional().describe('Required without a session.'),
  email: z.email().max(254).optional().describe('Required without a session; with one, the account\'s email is used.'),
});

/** "Other questions? Send a request": with a session, or from the log-on page with a name and email. */
export function registerSupportRoutes(app: FastifyInstance, deps: AppDeps, service: SupportService): void {
  app.withTypeProvider<ZodTypeProvider>().post('/v1/portal/support-requests', {
    onRequest: optionalPortalAuth(deps),
    schema: {
      tags: ['Client portal'], security: [{ portalSession: [] }, {}], summary: 'Send a question to the vendor\'s support queue',
      body: SupportRequestBody, response: { 201: z.object({ id: z.string() }), ...problemResponses },
    },
  }, async (request, reply) => {
    const principal = request.principal?.kind === 'portal_user' ? request.principal : null;
    return reply.status(201).send(await service.ask(principal, request.body));
  });
}
