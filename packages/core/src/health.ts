import type { Resource } from './types.ts';

/** ok; not_synchronised (yellow); unreachable (red); missing (the integration no longer reports it). */
export type ResourceHealth = 'ok' | 'not_synchronised' | 'unreachable' | 'missing';

export function resourceHealth(resource: Pick<Resource, 'missing' | 'reachable' | 'synchronised'>): ResourceHealth {
  if (resource.missing) return 'missing';
  if (!resource.reachable) return 'unreachable';
  if (!resource.synchronised) return 'not_synchronised';
  return 'ok';
}
