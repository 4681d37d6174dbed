import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppDeps } from '../deps.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { PublishedKeysSchema } from '../signing/signing.schemas.ts';
import type { Metrics } from './metrics.ts';

/** Liveness, readiness, Prometheus metrics and the public keys that verify leases. */
export function registerOpsRoutes(app: FastifyInstance, deps: AppDeps, metrics: Metrics): void {
  const hide = { hide: true };
  app.get('/healthz', { schema: hide }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: hide }, async (request, reply) => {
    try {
      await sql`select 1`.execute(deps.database.db);
      return { status: 'ready', database: deps.database.dialect };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(reply, problem('NOT_READY', 'The database does not answer. Check DATABASE_URL or the data directory and the database server.'));
    }
  });

  app.get('/metrics', { schema: hide }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/.well-known/jwks.json', {
    schema: { tags: ['Keys'], summary: 'Public keys that verify signed leases and license files (JWKS), with the root key\'s certificates and its list of retired keys', response: { 200: PublishedKeysSchema } },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return deps.signer.jwks();
  });
}
