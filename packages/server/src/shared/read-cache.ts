import { hash } from 'node:crypto';
import type { LeaseholdDatabase } from '@leasehold/db';

/**
 * Reads kept in memory for as long as the database is unchanged (see `changeMarker`): a repeated
 * validation costs no query, and any write, here or in another process, makes the next read fresh.
 * Values are shared between callers and must not be mutated.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, { marker: string; value: V }>();
  /** The latest writer of each key that forgot it and has not put yet. */
  private readonly writers = new Map<string, number>();
  private lastWriter = 0;

  constructor(private readonly database: LeaseholdDatabase, private readonly maxEntries = 20_000) {}

  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    // The marker is read before the data, so what is stored is at least as new as its marker.
    const marker = this.database.changeMarker();
    if (marker === null) return load();
    const hit = this.current(key, marker);
    if (hit !== undefined) return hit;
    const value = await load();
    if (value === null) {
      this.entries.delete(key);
      return null;
    }
    this.store(key, value, marker);
    return value;
  }

  /** The value kept for `key` while it is current, without loading: undefined when it would have to be read. */
  peek(key: string): V | undefined {
    const marker = this.database.changeMarker();
    return marker === null ? undefined : this.current(key, marker);
  }

  private current(key: string, marker: string): V | undefined {
    const hit = this.entries.get(key);
    return hit && hit.marker === marker ? hit.value : undefined;
  }

  /** The marker to give `put` for a value read or written now. */
  marker(): string | null {
    return this.database.changeMarker();
  }

  /**
   * Forgets `key` before a write that `keepsCachesCurrent` leaves the marker unchanged for. The
   * token it returns lets that writer `put` what it wrote, unless a later writer of `key` came since.
   */
  forget(key: string): number {
    const token = ++this.lastWriter;
    // Writers that never put (activations, failed transactions) must not pile up; forgetting them
    // only means their puts are refused, and the next read loads.
    if (this.writers.size >= this.maxEntries) this.writers.clear();
    this.writers.set(key, token);
    this.entries.delete(key);
    return token;
  }

  /**
   * Keeps `value` as what `key` reads while the marker stays `marker`: for a writer that knows what
   * it wrote, once it has committed, with the marker it read at the end of its transaction.
   */
  put(key: string, value: V, marker: string | null, token: number): void {
    if (this.writers.get(key) !== token) return;
    this.writers.delete(key);
    if (marker !== null) this.store(key, value, marker);
  }

  private store(key: string, value: V, marker: string): void {
    if (this.entries.size >= this.maxEntries) {
      this.entries.clear();
      this.writers.clear();
    }
    this.entries.set(key, { marker, value });
  }
}

/** A cache key for a credential, so secrets are not kept as map keys. */
export function credentialKey(secret: string): string {
  return hash('sha256', secret, 'base64url');
}
