import { z } from 'zod';
import { PageQuery } from '../http/schemas.ts';
import { TEMPLATES, type TemplateName } from './templates.ts';

const STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
const TEMPLATE_NAMES = Object.keys(TEMPLATES) as [TemplateName, ...TemplateName[]];

export const MailQuery = PageQuery.extend({
  status: z.enum(STATUSES).optional().describe('pending: waiting to be sent or retried; sending: being sent now; sent; failed: every attempt failed (retry it by hand).'),
  to: z.string().trim().max(320).optional().describe('Only mail to this address.'),
  customerId: z.string().max(64).optional().describe('Only mail about this customer.'),
  template: z.enum(TEMPLATE_NAMES).optional(),
});

export const MailSchema = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  from: z.string().nullable().describe('The sender it goes out as (MAIL_FROM); null while this server sends no mail (no SMTP_URL).'),
  to: z.string(),
  template: z.enum(TEMPLATE_NAMES),
  locale: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  status: z.enum(STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable().describe('When it is tried next; null once sent or failed.'),
  lastError: z.string().nullable().describe('What the SMTP server (or the connection to it) answered the last failed attempt.'),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
