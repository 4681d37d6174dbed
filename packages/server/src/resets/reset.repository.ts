import type { Db } from '@leasehold/db';
import { newId } from '@leasehold/db';
import type { Actor } from '../events/event.repository.ts';

export interface ResetRecord {
  id: string;
  licenseId: string;
  assignmentId: string;
  actor: Actor;
  reason: string;
  counted: boolean;
  createdAt: number;
}

/** Times of the resets that count against a license's budget, newest window only. */
export async function countedResetTimes(db: Db, licenseId: string, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom('resets')
    .select('created_at')
    .where('license_id', '=', licenseId)
    .where('counted', '=', 1)
    .where('created_at', '>', since)
    .execute();
  return rows.map((r) => Number(r.created_at));
}

/** countedResetTimes of several licenses in one query, by license id. */
export async function countedResetTimesByLicense(db: Db, licenseIds: string[], since: number): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(licenseIds.map((id) => [id, []]));
  if (licenseIds.length === 0) return times;
  const rows = await db
    .selectFrom('resets')
    .select(['license_id', 'created_at'])
    .where('license_id', 'in', licenseIds)
    .where('counted', '=', 1)
    .where('created_at', '>', since)
    .execute();
  for (const r of rows) times.get(r.license_id)?.push(Number(r.created_at));
  return times;
}

export async function insertReset(db: Db, reset: Omit<ResetRecord, 'id'> & { customerId: string }): Promise<string> {
  const id = newId(reset.createdAt);
  await db
    .insertInto('resets')
    .values({
      id,
      customer_id: reset.customerId,
      license_id: reset.licenseId,
      assignment_id: reset.assignmentId,
      actor_type: reset.actor.type,
      actor_id: reset.actor.id,
      reason: reset.reason,
      counted: reset.counted ? 1 : 0,
      created_at: reset.createdAt,
    })
    .execute();
  return id;
}

export async function listResets(db: Db, where: { customerId?: string; licenseId?: string }, limit = 100): Promise<ResetRecord[]> {
  let query = db.selectFrom('resets').selectAll();
  if (where.customerId) query = query.where('customer_id', '=', where.customerId);
  if (where.licenseId) query = query.where('license_id', '=', where.licenseId);
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    licenseId: r.license_id,
    assignmentId: r.assignment_id,
    actor: { type: r.actor_type as Actor['type'], id: r.actor_id },
    reason: r.reason,
    counted: r.counted === 1,
    createdAt: Number(r.created_at),
  }));
}
