import { DAY } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { sql } from 'kysely';

const count = sql<number>`count(*)`.as('n');

/** The dashboard's counts, straight from the tables and the event log. */
export async function dashboardCounts(db: Db, now: number) {
  const midnight = Math.floor(now / DAY) * DAY;
  const [licenses, activations, checkIns, failed, resets, warnings] = await Promise.all([
    db.selectFrom('licenses').select(count).where('status', '=', 'active').executeTakeFirstOrThrow(),
    db.selectFrom('activations').innerJoin('assignments', 'assignments.id', 'activations.assignment_id').select(count).where('assignments.released_at', 'is', null).executeTakeFirstOrThrow(),
    db.selectFrom('activations').innerJoin('assignments', 'assignments.id', 'activations.assignment_id').select(count)
      .where('assignments.released_at', 'is', null).where('activations.last_check_in_at', '>=', midnight).executeTakeFirstOrThrow(),
    db.selectFrom('events').select(count).where('type', '=', 'activation.check_in_refused').where('created_at', '>=', midnight).executeTakeFirstOrThrow(),
    db.selectFrom('resets').select(count).where('created_at', '>=', now - 7 * DAY).executeTakeFirstOrThrow(),
    db.selectFrom('resources').select(count).where('kind', '<>', 'machine')
      .where((eb) => eb.or([eb('missing', '=', 1), eb('reachable', '=', 0), eb('synchronised', '=', 0)])).executeTakeFirstOrThrow(),
  ]);
  return {
    activeLicenses: Number(licenses.n), activations: Number(activations.n), checkInsToday: Number(checkIns.n),
    failedCheckInsToday: Number(failed.n), resetsThisWeek: Number(resets.n), resourcesInWarning: Number(warnings.n),
  };
}
