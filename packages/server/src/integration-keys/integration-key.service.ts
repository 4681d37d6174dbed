import { DomainError, iso } from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import { getCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { page } from '../http/schemas.ts';
import { generateToken, hashSecret, keyPrefix } from '../shared/secrets.ts';
import { getIntegrationKey, insertIntegrationKey, listIntegrationKeys, revokeIntegrationKey, type IntegrationKeyRecord } from './integration-key.repository.ts';

export function integrationKeyView(key: IntegrationKeyRecord) {
  return { ...key, createdAt: iso(key.createdAt), revokedAt: key.revokedAt === null ? null : iso(key.revokedAt) };
}

/** A customer's key for connectors such as the EMR bridge (`Authorization: Bearer lh_int_…`); shown once, stored hashed. */
export async function createIntegrationKey(trx: Db, customerId: string, name: string, actor: Actor, now: number): Promise<{ record: IntegrationKeyRecord; key: string }> {
  if (!(await getCustomer(trx, customerId))) throw new DomainError('NOT_FOUND', 'No such customer.');
  const key = generateToken('lh_int');
  const id = newId(now);
  await insertIntegrationKey(trx, { id, customer_id: customerId, name, key_hash: hashSecret(key), key_prefix: keyPrefix(key), created_at: now, revoked_at: null });
  await insertEvent(trx, { customerId, type: 'integration_key.created', actor, subjectType: 'integration_key', subjectId: id, data: { name, keyPrefix: keyPrefix(key) } }, now);
  return { record: (await getIntegrationKey(trx, id))!, key };
}

export class IntegrationKeyService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  create(actor: Actor, customerId: string, name: string) {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      const { record, key } = await createIntegrationKey(trx, customerId, name, actor, now);
      return { ...integrationKeyView(record), key };
    });
  }

  async list(customerId: string, query: { limit: number; cursor?: string }) {
    const db = this.deps.database.db;
    if (!(await getCustomer(db, customerId))) throw new DomainError('NOT_FOUND', 'No such customer.');
    return page((await listIntegrationKeys(db, customerId, query.limit, query.cursor)).map(integrationKeyView), query.limit);
  }

  /** Stops the key at once. Revoking a revoked key changes nothing and says when it was revoked. */
  revoke(actor: Actor, id: string) {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      const key = await getIntegrationKey(trx, id);
      if (!key) throw new DomainError('NOT_FOUND', 'No such integration key.');
      if (key.revokedAt === null) {
        await revokeIntegrationKey(trx, id, now);
        await insertEvent(trx, { customerId: key.customerId, type: 'integration_key.revoked', actor, subjectType: 'integration_key', subjectId: id, data: { name: key.name, keyPrefix: key.keyPrefix } }, now);
      }
      return integrationKeyView((await getIntegrationKey(trx, id))!);
    });
  }
}
