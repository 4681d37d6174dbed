import type { Db } from '@leasehold/db';
import { getAssignment } from '../assignments/assignment.repository.ts';
import { getCustomer } from '../customers/customer.repository.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { getPortalUser } from '../portal-users/portal-user.repository.ts';
import type { ResetBudgetView } from '../resets/reset.service.ts';
import { getResource } from '../resources/resource.repository.ts';
import type { SeatScope } from './seat-state.service.ts';

/**
 * Mails the address on file that a computer's license was reset from the account API, in the
 * reset's transaction, so a reset nobody expected is noticed.
 */
export async function noticeLicenseReset(trx: Db, scope: SeatScope, assignmentId: string, budget: ResetBudgetView, now: number): Promise<void> {
  const customer = await getCustomer(trx, scope.customerId);
  if (!customer?.contactEmail) return;
  const assignment = await getAssignment(trx, assignmentId);
  const resource = assignment && (await getResource(trx, assignment.resourceId));
  const user = scope.actor.type === 'portal_user' && scope.actor.id ? await getPortalUser(trx, scope.actor.id) : null;
  await enqueueMail(trx, {
    customerId: customer.id, to: customer.contactEmail, template: 'license_reset_notice', locale: customer.locale,
    vars: {
      customerName: customer.name, computerName: resource?.name ?? 'a computer', resetBy: user?.name ?? null, at: now,
      remaining: budget.remaining, limit: budget.limit, windowDays: budget.windowDays,
    },
  }, now);
}
