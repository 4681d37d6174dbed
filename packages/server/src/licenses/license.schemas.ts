import { z } from 'zod';

export const LicenseSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  plan: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  status: z.enum(['active', 'suspended', 'cancelled']),
  startsAt: z.string(),
  expiresAt: z.string().nullable(),
  keyPrefix: z.string().describe('The start of the license key, to tell keys apart; the key itself is never shown again.'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const LicenseDetailSchema = LicenseSchema.extend({
  seats: z.array(z.object({ featureId: z.string(), feature: z.string(), slots: z.number(), held: z.number() })).describe('Per feature of the plan: the slots this license gives and the seats held on it.'),
});

export const IssueLicenseBody = z.object({
  plan: z.string().min(1).max(64).describe('Plan id or code'),
  startsAt: z.iso.datetime({ offset: true }).optional().describe('When the term starts; now if left out.'),
});

export const IssuedLicenseSchema = z.object({
  license: LicenseSchema,
  key: z.string().describe('Shown once: only its hash is kept. Give it to the customer now.'),
});

export const LicenseStatusBody = z.object({ reason: z.string().trim().min(1).max(500).optional().describe('Recorded in the event.') }).nullish();

export const ChangePlanBody = z.object({ plan: z.string().min(1).max(64).describe('Plan id or code of the same product') });
