import type { Db } from '@leasehold/db';

export type KeyRole = 'root' | 'signing';

export interface SigningKeyRow {
  kid: string;
  role: KeyRole;
  /** Sealed under the master key; plaintext only in rows written before sealing, until the next start. */
  privateJwk: string;
  publicJwk: string;
  certificate: string | null;
  createdAt: number;
  retiredAt: number | null;
}

type Row = { kid: string; role: string; private_jwk: string; public_jwk: string; certificate: string | null; created_at: number | string; retired_at: number | string | null };

function rowToKey(r: Row): SigningKeyRow {
  return {
    kid: r.kid, role: r.role as KeyRole, privateJwk: r.private_jwk, publicJwk: r.public_jwk, certificate: r.certificate,
    createdAt: Number(r.created_at), retiredAt: r.retired_at === null ? null : Number(r.retired_at),
  };
}

/** Every key, newest first. */
export async function listSigningKeys(db: Db): Promise<SigningKeyRow[]> {
  const rows = await db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').orderBy('kid').execute();
  return rows.map(rowToKey);
}

export async function findSigningKey(db: Db, kid: string): Promise<SigningKeyRow | null> {
  const row = await db.selectFrom('signing_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
  return row ? rowToKey(row) : null;
}

export async function insertSigningKey(db: Db, key: SigningKeyRow): Promise<void> {
  await db
    .insertInto('signing_keys')
    .values({ kid: key.kid, role: key.role, private_jwk: key.privateJwk, public_jwk: key.publicJwk, certificate: key.certificate, created_at: key.createdAt, retired_at: key.retiredAt })
    .execute();
}

export async function updateSigningKey(db: Db, kid: string, changes: { privateJwk?: string; certificate?: string; retiredAt?: number }): Promise<void> {
  await db
    .updateTable('signing_keys')
    .set({
      ...(changes.privateJwk !== undefined ? { private_jwk: changes.privateJwk } : {}),
      ...(changes.certificate !== undefined ? { certificate: changes.certificate } : {}),
      ...(changes.retiredAt !== undefined ? { retired_at: changes.retiredAt } : {}),
    })
    .where('kid', '=', kid)
    .execute();
}
