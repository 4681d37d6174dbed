import { z } from 'zod';
import { PageQuery } from '../http/schemas.ts';
import { EVENT_PATTERN } from './webhook-patterns.ts';

const STATUSES = ['pending', 'sending', 'delivered', 'failed', 'cancelled'] as const;

const url = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(2000).describe('Where deliveries are POSTed. Use https:// outside a private network. A loopback or private address is refused unless the operator sets LEASEHOLD_WEBHOOK_ALLOW_PRIVATE=true.');
const eventTypes = z
  .array(z.string().max(200).regex(EVENT_PATTERN, 'an event type (activation.reset), a prefix wildcard (activation.*) or *'))
  .min(1)
  .max(50)
  .describe('Event types to receive: exact (`activation.reset`), every type under a prefix (`activation.*`), or `*` for all.');
const description = z.string().trim().max(500);

export const EndpointParams = z.object({ id: z.string().min(1).max(64) });
export const DeliveryParams = z.object({ id: z.string().min(1).max(64), deliveryId: z.string().min(1).max(64) });

export const CreateEndpointBody = z.object({ url, description: description.optional(), eventTypes, enabled: z.boolean().optional().describe('Default true.') });
export const UpdateEndpointBody = z
  .strictObject({ url: url.optional(), description: description.nullable().optional(), eventTypes: eventTypes.optional(), enabled: z.boolean().optional() })
  .refine((value) => Object.keys(value).length > 0, 'send at least one field to change');

export const EndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  disabledAt: z.string().nullable(),
});
export const CreatedEndpointSchema = EndpointSchema.extend({
  secret: z.string().describe('The signing secret, shown only now. Verify `Leasehold-Signature` with it (docs/webhooks.md).'),
});
export const DeletedEndpointSchema = z.object({ deleted: z.literal(true), id: z.string() });

export const DeliveryQuery = PageQuery.extend({ status: z.enum(STATUSES).optional() });
export const DeliverySchema = z.object({
  id: z.string().describe('Sent as Leasehold-Delivery-Id and Idempotency-Key, the same on every attempt.'),
  endpointId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable().describe('When it is tried next; null once delivered, failed or cancelled.'),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().nullable().describe('The HTTP status the endpoint answered the last attempt with; null if it did not answer.'),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
