import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.ts';
import type { Actor } from '../events/event.repository.ts';
import { adminAuth, adminPrincipal } from '../http/hooks.ts';

/** What every admin route shares: the admin key check, its OpenAPI security and tag. */
export function adminRoute(deps: AppDeps) {
  return {
    onRequest: adminAuth(deps),
    tags: ['Admin API'],
    security: [{ adminKey: [] }] as Record<string, string[]>[],
  };
}

export function adminActor(request: FastifyRequest): Actor {
  return adminPrincipal(request).actor;
}
