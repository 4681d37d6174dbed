import { createHash } from 'node:crypto';
import type { LeaseholdDatabase } from '@leasehold/db';

/**
 * Reads kept in memory for as long as the database is unchanged (see `changeMarker`): a repeated
 * validation costs no query, and any write, here or in another process, makes the next read fresh.
 * Values are shared between callers and must not be mutated.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, { marker: string; value: V }>();

  constructor(private readonly database: LeaseholdDatabase, private readonly maxEntries = 20_000) {}

  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    // The marker is read before the data, so what is stored is at least as new as its marker.
    const marker = this.database.changeMarker();
    if (marker === null) return load();
    const hit = this.entries.get(key);
    if (hit && hit.marker === marker) return hit.value;
    const value = await load();
    if (value === null) {
      this.entries.delete(key);
      return null;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { marker, value });
    return value;
  }
}

/** A cache key for a credential, so secrets are not kept as map keys. */
export function credentialKey(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
