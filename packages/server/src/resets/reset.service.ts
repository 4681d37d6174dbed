import { DomainError, iso, resetBudget, type Policy, type ResetBudget } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { getAssignment, getActivation, releaseAssignment } from '../assignments/assignment.repository.ts';
import { getPolicy, loadPlans } from '../catalog/catalog.repository.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { getLicense } from '../licenses/license.repository.ts';
import { countedResetTimes, insertReset } from './reset.repository.ts';

export interface ResetBudgetView extends Omit<ResetBudget, 'nextRefillAt'> {
  nextRefillAt: string | null;
}

export function budgetView(budget: ResetBudget): ResetBudgetView {
  return { ...budget, nextRefillAt: budget.nextRefillAt === null ? null : iso(budget.nextRefillAt) };
}

export async function policyOfLicense(db: Db, licenseId: string): Promise<Policy> {
  const license = await getLicense(db, licenseId);
  const plan = license && (await loadPlans(db, { ids: [license.planId] })).get(license.planId);
  const policy = plan && (await getPolicy(db, plan.policyId));
  if (!policy) throw new DomainError('NOT_FOUND', 'The license or its plan no longer exists.');
  return policy;
}

export async function licenseResetBudget(db: Db, licenseId: string, now: number, policy?: Policy): Promise<ResetBudget> {
  const p = policy ?? (await policyOfLicense(db, licenseId));
  return resetBudget(await countedResetTimes(db, licenseId, now - p.resetWindowSeconds * 1000), p, now);
}

export interface ResetRequest {
  customerId: string;
  assignmentId: string;
  reason: string;
  actor: Actor;
  /** Staff resets are recorded but never counted against the customer's budget. */
  counted: boolean;
}

export interface ResetOutcome {
  resetId: string;
  assignmentId: string;
  licenseId: string;
  budget: ResetBudgetView;
}

/**
 * Frees one machine's seat so another computer can activate: the RESET LICENSE of the portal, the
 * app's "reset another computer", and staff resets all come here. Call it inside a transaction
 * that holds the customer's lock.
 */
export async function resetSeat(trx: Db, request: ResetRequest, now: number): Promise<ResetOutcome> {
  const assignment = await getAssignment(trx, request.assignmentId);
  if (!assignment || assignment.customerId !== request.customerId) {
    throw new DomainError('NOT_FOUND', 'No such activation for this customer.');
  }
  if (assignment.releasedAt !== null) {
    throw new DomainError('INVALID_STATE', `This seat was already released on ${iso(assignment.releasedAt)}; it is free to activate.`);
  }
  const activation = await getActivation(trx, assignment.id);
  const policy = await policyOfLicense(trx, assignment.licenseId);
  const before = await licenseResetBudget(trx, assignment.licenseId, now, policy);
  const counted = request.counted && activation !== null;
  if (counted) {
    if (policy.resetLimit === 0) {
      throw new DomainError('RESETS_DISABLED', 'Self-service resets are turned off for this license. Contact the vendor\'s support to move it.', { budget: budgetView(before) });
    }
    if (before.remaining === 0) {
      throw new DomainError(
        'RESET_BUDGET_EXHAUSTED',
        `All ${before.limit} resets of the last ${before.windowDays} days are used; the next one becomes available on ${iso(before.nextRefillAt!)}. Contact the vendor's support if you need it sooner.`,
        { budget: budgetView(before) },
      );
    }
  }
  await releaseAssignment(trx, assignment.id, now, 'reset');
  const resetId = await insertReset(
    trx,
    { customerId: request.customerId, licenseId: assignment.licenseId, assignmentId: assignment.id, actor: request.actor, reason: request.reason, counted, createdAt: now },
  );
  await insertEvent(
    trx,
    {
      customerId: request.customerId,
      type: activation ? 'activation.reset' : 'assignment.released',
      actor: request.actor,
      subjectType: 'assignment',
      subjectId: assignment.id,
      data: { licenseId: assignment.licenseId, reason: request.reason, counted, hostName: activation?.hostName ?? null },
    },
    now,
  );
  const budget = counted ? await licenseResetBudget(trx, assignment.licenseId, now, policy) : before;
  return { resetId, assignmentId: assignment.id, licenseId: assignment.licenseId, budget: budgetView(budget) };
}
