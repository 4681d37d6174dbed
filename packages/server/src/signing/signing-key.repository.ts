import type { Db } from '@leasehold/db';

export interface SigningKeyRow {
  kid: string;
  privateJwk: string;
  publicJwk: string;
  createdAt: number;
  retiredAt: number | null;
}

export async function listSigningKeys(db: Db): Promise<SigningKeyRow[]> {
  const rows = await db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ kid: r.kid, privateJwk: r.private_jwk, publicJwk: r.public_jwk, createdAt: Number(r.created_at), retiredAt: r.retired_at === null ? null : Number(r.retired_at) }));
}

export async function insertSigningKey(db: Db, key: SigningKeyRow): Promise<void> {
  await db
    .insertInto('signing_keys')
    .values({ kid: key.kid, private_jwk: key.privateJwk, public_jwk: key.publicJwk, created_at: key.createdAt, retired_at: key.retiredAt })
    .execute();
}
