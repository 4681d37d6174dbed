/**
 * What an endpoint subscribes to: an exact event type (`activation.reset`), every type under a
 * prefix (`activation.*`), or everything (`*`).
 */
export const EVENT_PATTERN = /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/;

/**
 * The patterns that match an event type: `*`, the type itself and each prefix wildcard. The outbox
 * looks these up, so matching is an indexed `pattern in (…)`, not a scan of every subscription.
 *
 * @example
 * patternsMatching('activation.reset') // => ['*', 'activation.reset', 'activation.*']
 */
export function patternsMatching(type: string): string[] {
  const parts = type.split('.');
  const patterns = ['*', type];
  for (let i = 1; i < parts.length; i++) patterns.push(`${parts.slice(0, i).join('.')}.*`);
  return patterns;
}

export function patternMatches(pattern: string, type: string): boolean {
  return patternsMatching(type).includes(pattern);
}
