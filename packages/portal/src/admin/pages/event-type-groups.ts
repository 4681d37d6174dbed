/** What an event type is about: its first part (`license` of `license.issued`). */
export const groupOf = (type: string): string => type.split('.')[0];

/** Event types by what they are about, in the server's order, for pickers and filters. */
export function groupEventTypes<T extends { type: string }>(types: T[]): { group: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of types) {
    const group = groupOf(item.type);
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

/**
 * The patterns to subscribe to for what was ticked: `*` alone when everything is, and no type that
 * a ticked group (`license.*`) already covers.
 */
export function subscriptionPatterns(chosen: Iterable<string>): string[] {
  const all = new Set(chosen);
  if (all.has('*')) return ['*'];
  return [...all].filter((pattern) => pattern.endsWith('.*') || !all.has(`${groupOf(pattern)}.*`)).sort();
}
