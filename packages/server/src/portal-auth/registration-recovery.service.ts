import { DAY, DomainError } from '@leasehold/core';
import { reissueRegistration, type RegistrationDetails } from '../customers/customer.service.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { openSupportRequest } from '../support/support.service.ts';
import { issueEmailToken, redeemEmailToken } from './email-token.service.ts';
import { customersByContactEmail, customersByName, type RecoveryCandidate } from './registration-recovery.repository.ts';

export const REISSUE_LINK_MS = DAY;

export interface RecoveryForm {
  name: string;
  businessName: string;
  address: string;
  email: string;
  locale?: 'en' | 'fr';
}

const ANONYMOUS: Actor = { type: 'portal_user', id: null };
const squash = (text: string) => text.toUpperCase().replace(/[^0-9A-Z]/g, '');
const collapse = (text: string) => text.trim().replace(/\s+/g, ' ');

/**
 * The one customer the form names: by the contact email on file, or by business name and the postal
 * code within the address typed. None, or more than one, is no match.
 */
export async function matchCustomer(db: Parameters<typeof customersByName>[0], form: RecoveryForm): Promise<RecoveryCandidate | null> {
  const byEmail = await customersByContactEmail(db, form.email.trim());
  const address = squash(form.address);
  const byName = (await customersByName(db, collapse(form.businessName))).filter((c) => c.postal_code && squash(c.postal_code).length >= 3 && address.includes(squash(c.postal_code)));
  const ids = new Set([...byEmail, ...byName].map((c) => c.id));
  if (ids.size !== 1) return null;
  return [...byEmail, ...byName][0];
}

/**
 * "I don't know my registration details". The answer never tells whether a customer matched: a match
 * mails the customer number and a single-use re-issue link to the address on file only; otherwise
 * the form lands in the support queue. Both do one transaction of a few writes.
 */
export class RegistrationRecoveryService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'config'>) {}

  async request(form: RecoveryForm): Promise<{ received: true }> {
    const now = this.deps.clock.now();
    const { database } = this.deps;
    const match = await matchCustomer(database.db, form);
    await database.transaction(async (trx) => {
      if (match?.contact_email) {
        const to = match.contact_email;
        const { token } = await issueEmailToken(trx, { purpose: 'registration_reissue', customerId: match.id, email: to, validMs: REISSUE_LINK_MS }, now);
        await enqueueMail(trx, {
          customerId: match.id, to, template: 'registration_reissue', locale: form.locale ?? match.locale,
          vars: { customerName: match.name, customerNumber: match.number, link: `${this.deps.config.publicUrl}/portal/reissue?token=${encodeURIComponent(token)}`, expiresAt: now + REISSUE_LINK_MS },
        }, now);
        await insertEvent(trx, { customerId: match.id, type: 'customer.registration_recovery_sent', actor: ANONYMOUS, subjectType: 'customer', subjectId: match.id }, now);
        return;
      }
      await openSupportRequest(trx, {
        kind: 'registration_details', name: collapse(form.name), businessName: collapse(form.businessName), address: form.address.trim(), email: form.email,
        subject: 'Registration details requested', message: null,
      }, ANONYMOUS, now);
    });
    return { received: true };
  }

  /** Uses the link up and gives a new registration key, shown once; the old key stops working. */
  async confirm(input: { token: string }): Promise<RegistrationDetails> {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      const token = await redeemEmailToken(trx, input.token, 'registration_reissue', now);
      if (!token?.customerId) {
        throw new DomainError('TOKEN_INVALID', 'This link has expired or was already used. Fill in "I don\'t know my registration details" again for a new one.');
      }
      return reissueRegistration(trx, token.customerId, { type: 'customer', id: token.customerId }, now);
    });
  }
}
