import type { Db } from '@leasehold/db';
import { getCustomer } from '../customers/customer.repository.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { listPortalUsers, type PortalUserRecord } from '../portal-users/portal-user.repository.ts';

/**
 * Mails every owner, each in their own language, that someone registered a viewer account with the
 * registration details, in the registration's transaction. Owners are the ones who can change the
 * role or remove the account; an account nobody expected is noticed. Answers how many were told.
 */
export async function noticeViewerRegistered(trx: Db, publicUrl: string, viewer: Pick<PortalUserRecord, 'customerId' | 'name' | 'email'>, now: number): Promise<number> {
  const customer = (await getCustomer(trx, viewer.customerId))!;
  const owners = (await listPortalUsers(trx, viewer.customerId)).filter((u) => u.role === 'owner');
  for (const owner of owners) {
    await enqueueMail(trx, {
      customerId: customer.id, to: owner.email, template: 'viewer_registered', locale: owner.locale,
      vars: { ownerName: owner.name, customerName: customer.name, name: viewer.name, email: viewer.email, at: now, link: `${publicUrl}/portal/users` },
    }, now);
  }
  return owners.length;
}
