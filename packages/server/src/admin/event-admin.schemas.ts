import { z } from 'zod';
import { PageQuery } from '../http/schemas.ts';

const ACTOR_TYPES = ['admin_key', 'staff', 'customer', 'portal_user', 'license_key', 'machine', 'integration', 'system'] as const;

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((text) => Date.parse(text))
  .describe('ISO 8601 date or date-time');

/** The audit log's filters, the same for a page of events and for the CSV export. */
export const EventFilterQuery = z.object({
  customerId: z.string().max(64).optional(),
  customer: z.string().trim().min(1).max(200).optional().describe('A customer number, or part of a customer\'s name (any case)'),
  type: z.string().max(100).optional().describe('An event type such as license.issued, or a prefix ending in "." or ".*" such as activation.*'),
  subjectId: z.string().max(64).optional().describe('Events about one product, customer, license, activation, …'),
  actorType: z.enum(ACTOR_TYPES).optional(),
  actorId: z.string().max(64).optional().describe('Events by one actor, e.g. a staff member\'s or an admin key\'s id (with actorType to be exact)'),
  from: instant.optional().describe('Events at or after this time'),
  to: instant.optional().describe('Events before this time'),
});

export const EventQuery = PageQuery.extend(EventFilterQuery.shape);

export const EventSchema = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  customer: z.object({ number: z.string(), name: z.string() }).nullable().describe('The customer the event is about, if any.'),
  type: z.string(),
  actor: z.object({
    type: z.string(),
    id: z.string().nullable(),
    name: z.string().nullable().describe('A staff member, portal user, key or computer by name; null for the system and unknown actors.'),
  }),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const EventTypeListSchema = z.object({
  items: z.array(z.object({
    type: z.string(),
    highVolume: z.boolean().describe('Written with every check-in of every computer: subscribe to it only if you want that volume.'),
    webhooks: z.boolean().describe('False for types never sent to subscribers (webhook.test goes only to the endpoint tested).'),
  })),
});
