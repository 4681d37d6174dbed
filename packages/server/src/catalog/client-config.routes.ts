import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { ProblemSchema } from '../http/schemas.ts';
import { clientConfig } from './client-config.service.ts';

const ClientConfigSchema = z.object({
  product: z.string(),
  fingerprintSalt: z.string().describe('HMAC key the SDK hashes each fingerprint component with.'),
  jwksUrl: z.string().describe('Where the public keys that verify leases are published.'),
});

/** Public: the SDK reads it once, before its first activation, unless the vendor baked the salt into the app. */
export function registerClientConfigRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/v1/products/:code/client-config', {
    schema: {
      tags: ['Machine API'],
      summary: 'What the SDK needs before activating: the fingerprint salt and the key set URL',
      params: z.object({ code: z.string().min(1).max(64) }),
      response: { 200: ClientConfigSchema, 404: ProblemSchema },
    },
  }, async (request, reply) => {
    const config = await clientConfig(deps.database.db, request.params.code, deps.config.publicUrl);
    reply.header('cache-control', 'public, max-age=300');
    return config;
  });
}
