import type { Db } from '@leasehold/db';
import type { EventRecord } from './event.repository.ts';

/** What the audit log shows beside an event's ids: its customer's number and name, its actor's name. */
export interface EventNames {
  customers: Map<string, { number: string; name: string }>;
  /** By `${actor type}:${actor id}`, for actors with a name: staff, admin and integration keys, portal users, computers (host name). */
  actors: Map<string, string>;
}

const ids = (events: EventRecord[], type: string) => [...new Set(events.filter((e) => e.actor.type === type && e.actor.id).map((e) => e.actor.id!))];

/** The names for a page of events, in one query per kind of name. */
export async function loadEventNames(db: Db, events: EventRecord[]): Promise<EventNames> {
  const customerIds = [...new Set(events.map((e) => e.customerId).filter((id): id is string => id !== null))];
  const staff = ids(events, 'staff');
  const keys = ids(events, 'admin_key');
  const users = ids(events, 'portal_user');
  const integrations = ids(events, 'integration');
  const machines = ids(events, 'machine');
  const [customers, staffRows, keyRows, userRows, integrationRows, machineRows] = await Promise.all([
    customerIds.length ? db.selectFrom('customers').select(['id', 'number', 'name']).where('id', 'in', customerIds).execute() : [],
    staff.length ? db.selectFrom('staff_users').select(['id', 'name', 'email']).where('id', 'in', staff).execute() : [],
    keys.length ? db.selectFrom('admin_api_keys').select(['id', 'name']).where('id', 'in', keys).execute() : [],
    users.length ? db.selectFrom('portal_users').select(['id', 'name', 'email']).where('id', 'in', users).execute() : [],
    integrations.length ? db.selectFrom('integration_keys').select(['id', 'name']).where('id', 'in', integrations).execute() : [],
    // A computer acts under the id of its seat (the assignment); its name is the host name it reported.
    machines.length ? db.selectFrom('activations').select(['assignment_id as id', 'host_name as name']).where('assignment_id', 'in', machines).execute() : [],
  ]);
  const actors = new Map<string, string>([
    ...staffRows.map((r) => [`staff:${r.id}`, `${r.name} <${r.email}>`] as const),
    ...keyRows.map((r) => [`admin_key:${r.id}`, r.name] as const),
    ...userRows.map((r) => [`portal_user:${r.id}`, `${r.name} <${r.email}>`] as const),
    ...integrationRows.map((r) => [`integration:${r.id}`, r.name] as const),
    ...machineRows.map((r) => [`machine:${r.id}`, r.name] as const),
  ]);
  return { customers: new Map(customers.map((c) => [c.id, { number: c.number, name: c.name }])), actors };
}
