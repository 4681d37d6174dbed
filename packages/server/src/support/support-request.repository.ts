import type { Db, SupportRequestTable } from '@leasehold/db';

export type SupportKind = SupportRequestTable['kind'];

export interface SupportRequestRecord {
  id: string;
  kind: SupportKind;
  customerId: string | null;
  portalUserId: string | null;
  name: string | null;
  businessName: string | null;
  address: string | null;
  email: string;
  subject: string | null;
  message: string | null;
  status: 'open' | 'closed';
  createdAt: number;
  closedAt: number | null;
}

export function rowToSupportRequest(row: SupportRequestTable): SupportRequestRecord {
  return {
    id: row.id,
    kind: row.kind,
    customerId: row.customer_id,
    portalUserId: row.portal_user_id,
    name: row.name,
    businessName: row.business_name,
    address: row.address,
    email: row.email,
    subject: row.subject,
    message: row.message,
    status: row.status,
    createdAt: Number(row.created_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
  };
}

export async function insertSupportRequest(db: Db, row: SupportRequestTable): Promise<void> {
  await db.insertInto('support_requests').values(row).execute();
}

export async function getSupportRequest(db: Db, id: string): Promise<SupportRequestRecord | null> {
  const row = await db.selectFrom('support_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToSupportRequest(row) : null;
}

export interface SupportFilter {
  status?: 'open' | 'closed';
  kind?: SupportKind;
  customerId?: string;
  /** Requests older than this id (ids sort by time). */
  before?: string;
  limit: number;
}

export async function listSupportRequests(db: Db, filter: SupportFilter): Promise<SupportRequestRecord[]> {
  let query = db.selectFrom('support_requests').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.before) query = query.where('id', '<', filter.before);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(rowToSupportRequest);
}

export async function closeSupportRequest(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('support_requests').set({ status: 'closed', closed_at: now }).where('id', '=', id).where('status', '=', 'open').execute();
}
