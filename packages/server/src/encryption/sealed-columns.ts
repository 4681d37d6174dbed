import type { Database } from '@leasehold/db';

/** A column whose values are kept sealed under the master key, and the key column that names its rows. */
export interface SealedColumn {
  table: keyof Database & string;
  key: string;
  column: string;
  /** What the values are, for people: `leasehold master-key rotate` counts them under this name. */
  what: string;
}

/**
 * Every secret the database keeps, sealed under the master key. The start-up sealing of plaintext
 * values and `leasehold master-key rotate` both go through this list, so a new sealed column added
 * here is sealed and re-encrypted with the others.
 */
export const SEALED = {
  signingKey: { table: 'signing_keys', key: 'kid', column: 'private_jwk', what: 'private signing keys' },
  totpSecret: { table: 'staff_users', key: 'id', column: 'totp_secret', what: 'TOTP secrets' },
  totpPendingSecret: { table: 'staff_users', key: 'id', column: 'totp_pending_secret', what: 'TOTP secrets awaiting confirmation' },
  webhookSecret: { table: 'webhook_endpoints', key: 'id', column: 'secret', what: 'webhook secrets' },
} as const satisfies Record<string, SealedColumn>;

export const SEALED_COLUMNS: readonly SealedColumn[] = Object.values(SEALED);

/**
 * The context a row's value is sealed for, e.g. `staff_users.totp_secret:<staff id>`: a sealed value
 * copied to another row or column does not open there.
 */
export function sealContext(column: SealedColumn, rowId: string): string {
  return `${column.table}.${column.column}:${rowId}`;
}
