/** Every text of a dictionary by its dotted key, for the tests that keep the languages alike. */
export function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out.set(name, child);
    else for (const [k, v] of leaves(child, name)) out.set(k, v);
  }
  return out;
}

/** The {{values}} a text fills in, sorted. */
export const variables = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
