import { DomainError } from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import { getCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import type { PortalPrincipal } from '../http/auth.ts';
import { getPortalUser } from '../portal-users/portal-user.repository.ts';
import { closeSupportRequest, getSupportRequest, insertSupportRequest, listSupportRequests, type SupportFilter, type SupportKind, type SupportRequestRecord } from './support-request.repository.ts';

export interface NewSupportRequest {
  kind: SupportKind;
  customerId?: string | null;
  portalUserId?: string | null;
  name?: string | null;
  businessName?: string | null;
  address?: string | null;
  email: string;
  subject?: string | null;
  message?: string | null;
}

/** Puts a request in the vendor's support queue, in the caller's transaction. */
export async function openSupportRequest(trx: Db, input: NewSupportRequest, actor: Actor, now: number): Promise<string> {
  const id = newId(now);
  await insertSupportRequest(trx, {
    id, kind: input.kind, customer_id: input.customerId ?? null, portal_user_id: input.portalUserId ?? null, name: input.name ?? null,
    business_name: input.businessName ?? null, address: input.address ?? null, email: input.email.trim().toLowerCase(), subject: input.subject ?? null,
    message: input.message ?? null, status: 'open', created_at: now, closed_at: null,
  });
  await insertEvent(trx, { customerId: input.customerId ?? null, type: 'support_request.created', actor, subjectType: 'support_request', subjectId: id, data: { kind: input.kind } }, now);
  return id;
}

export interface Question {
  subject: string;
  message: string;
  name?: string;
  email?: string;
}

/** "Other questions? Send a request": from a session (the customer and user attached) or from the log-on page. */
export class SupportService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  async ask(principal: PortalPrincipal | null, question: Question): Promise<{ id: string }> {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      if (principal) {
        const user = (await getPortalUser(trx, principal.userId))!;
        const customer = (await getCustomer(trx, principal.customerId))!;
        const id = await openSupportRequest(trx, {
          kind: 'question', customerId: principal.customerId, portalUserId: user.id, name: user.name, businessName: customer.name,
          email: user.email, subject: question.subject, message: question.message,
        }, principal.actor, now);
        return { id };
      }
      if (!question.name?.trim() || !question.email?.trim()) {
        throw new DomainError('VALIDATION_FAILED', 'Give your name and email so that we can answer you, or log on first.', {
          errors: [!question.name?.trim() && { field: 'body.name', message: 'is required without a session' }, !question.email?.trim() && { field: 'body.email', message: 'is required without a session' }].filter(Boolean),
        });
      }
      const id = await openSupportRequest(trx, { kind: 'question', name: question.name.trim(), email: question.email, subject: question.subject, message: question.message }, { type: 'portal_user', id: null }, now);
      return { id };
    });
  }

  /** The support queue, newest first, for the admin console. */
  list(filter: SupportFilter): Promise<SupportRequestRecord[]> {
    return listSupportRequests(this.deps.database.db, filter);
  }

  get(id: string): Promise<SupportRequestRecord | null> {
    return getSupportRequest(this.deps.database.db, id);
  }

  async close(id: string, actor: Actor): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (trx) => {
      const request = await getSupportRequest(trx, id);
      if (!request) throw new DomainError('NOT_FOUND', 'No such support request.');
      if (request.status === 'closed') return;
      await closeSupportRequest(trx, id, now);
      await insertEvent(trx, { customerId: request.customerId, type: 'support_request.closed', actor, subjectType: 'support_request', subjectId: id }, now);
    });
  }
}
