import { DomainError } from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { generateToken, hashSecret, keyPrefix } from '../shared/secrets.ts';
import { getAdminKey, insertAdminKey, type AdminKeyRecord } from './admin-key.repository.ts';

export interface CreatedAdminKey {
  adminKey: AdminKeyRecord;
  /** Shown once; only its hash is kept. */
  key: string;
}

/** An admin API key for staff automation (`Authorization: Bearer lh_admin_…`). */
export async function createAdminKey(trx: Db, input: { name: string }, actor: Actor, now: number): Promise<CreatedAdminKey> {
  const name = input.name.trim();
  if (!name) throw new DomainError('VALIDATION_FAILED', 'Give the admin API key a name that says who or what uses it, e.g. "billing export".');
  const key = generateToken('lh_admin');
  const id = newId(now);
  await insertAdminKey(trx, { id, name, key_hash: hashSecret(key), key_prefix: keyPrefix(key), created_at: now, last_used_at: null, revoked_at: null });
  await insertEvent(trx, { customerId: null, type: 'admin_key.created', actor, subjectType: 'admin_key', subjectId: id, data: { name, keyPrefix: keyPrefix(key) } }, now);
  return { adminKey: (await getAdminKey(trx, id))!, key };
}
