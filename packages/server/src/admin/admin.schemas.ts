import { z } from 'zod';
import { PageQuery } from '../http/schemas.ts';

export const ResourceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  externalId: z.string(),
  name: z.string(),
  health: z.enum(['ok', 'not_synchronised', 'unreachable', 'missing']).describe('not_synchronised is the yellow warning, unreachable the red one; missing: the integration no longer reports it.'),
  reachable: z.boolean(),
  synchronised: z.boolean(),
  missing: z.boolean(),
  lastReportedAt: z.string().nullable(),
  seats: z.array(z.object({ assignmentId: z.string(), featureId: z.string(), feature: z.string(), licenseId: z.string() })).describe('The feature slots this resource holds now.'),
});

export const ResourceQuery = PageQuery.extend({ kind: z.string().max(32).optional().describe('machine, provider, schedule, …') });

export const DriftSchema = z.object({ at: z.string(), changed: z.array(z.string()), added: z.array(z.string()) });

export const AdminActivationSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  licenseId: z.string(),
  featureId: z.string(),
  feature: z.string(),
  resourceId: z.string(),
  hostName: z.string(),
  platform: z.string(),
  appVersion: z.string(),
  activatedAt: z.string(),
  lastCheckInAt: z.string(),
  leaseExpiresAt: z.string(),
  releasedAt: z.string().nullable(),
  releaseReason: z.string().nullable(),
  drift: z.array(DriftSchema).describe('Check-ins whose hardware components changed within tolerance, newest first.'),
});

export const ActivationListQuery = PageQuery.extend({
  includeReleased: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('Also list computers whose seat was reset or given back.'),
});

export const StaffResetBody = z.object({
  reason: z.string().trim().min(3, 'say briefly why (at least 3 characters)').max(500).describe('Recorded in the customer\'s reset history.'),
});

export const IntegrationKeySchema = z.object({
  id: z.string(),
  customerId: z.string(),
  name: z.string(),
  keyPrefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const CreatedIntegrationKeySchema = IntegrationKeySchema.extend({
  key: z.string().describe('Shown once: only its hash is kept. Configure the connector with it now.'),
});

export const CreateIntegrationKeyBody = z.object({
  name: z.string().trim().min(1).max(100).describe('Who uses it, e.g. "EMR bridge, main office".'),
});
