import { iso, resetBudget, validateLicense, type Feature, type Plan, type Policy } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { listSeatHolders } from '../assignments/assignment.repository.ts';
import type { LicenseRecord } from '../licenses/license.repository.ts';
import { countedResetTimesByLicense } from '../resets/reset.repository.ts';
import { budgetView } from '../resets/reset.service.ts';
import type { Refused } from './activation.types.ts';

/** NO_FREE_SEAT names at most this many holders, the most recently seen first, with the total. */
export const HOLDERS_SHOWN = 50;

/**
 * The answer to an activation that finds no free seat: the computers holding the seats, so the app
 * can offer a reset, and each license's reset budget. When no license grants use at all (suspended,
 * expired), that refusal instead.
 */
export async function noFreeSeat(
  db: Db, customerId: string, feature: Feature, licenses: LicenseRecord[], plans: Map<string, Plan>, policies: Map<string, Policy>, now: number,
): Promise<Refused> {
  const refusal = licenses.map((l) => validateLicense({ status: 'active' }, l, now)).find((r) => r !== null);
  const granting = licenses.filter((l) => validateLicense({ status: 'active' }, l, now) === null);
  if (granting.length === 0 && refusal) return refusal;
  const ids = granting.map((l) => l.id);
  const { total, holders } = await listSeatHolders(db, customerId, feature.id, ids, now, HOLDERS_SHOWN);
  const policyOf = (l: LicenseRecord) => policies.get(plans.get(l.planId)!.policyId)!;
  const widestWindow = Math.max(0, ...granting.map((l) => policyOf(l).resetWindowSeconds));
  const resetTimes = await countedResetTimesByLicense(db, ids, now - widestWindow * 1000);
  return {
    valid: false,
    code: 'NO_FREE_SEAT',
    detail: `All ${total} licenses for ${feature.name.en} are in use on other computers. Reset one of them (from this app or the client portal) to move its license to this computer.`,
    holders: holders.map((h) => ({ activationId: h.assignmentId, licenseId: h.licenseId, hostName: h.hostName, platform: h.platform, lastCheckInAt: iso(h.lastCheckInAt) })),
    holdersTotal: total,
    resetBudgets: granting.map((l) => ({ licenseId: l.id, budget: budgetView(resetBudget(resetTimes.get(l.id) ?? [], policyOf(l), now)) })),
  };
}
