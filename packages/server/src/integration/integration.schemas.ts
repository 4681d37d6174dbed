import { z } from 'zod';
import { displayName } from '../http/schemas.ts';
import { ResourceSchema } from '../seats/seat.schemas.ts';

/** Largest batch one report may carry; a full sync must fit in one report. */
export const MAX_REPORTED_RESOURCES = 1000;

const Kind = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'is a lower-case kind such as "provider" or "schedule"')
  .refine((kind) => kind !== 'machine', 'cannot be "machine": computers report themselves by activating from the app');

export const ReportedResourceSchema = z.object({
  kind: Kind,
  externalId: z.string().trim().min(1).max(200).describe('The resource\'s id in the EMR; stable across reports.'),
  name: displayName(200),
  reachable: z.boolean().describe('The integration can reach it (false shows red).'),
  synchronised: z.boolean().describe('It is selected for synchronisation (false shows yellow).'),
});

export const ReportBody = z
  .object({
    resources: z
      .array(ReportedResourceSchema)
      .max(MAX_REPORTED_RESOURCES, `at most ${MAX_REPORTED_RESOURCES} resources per report; a full sync must fit in one report`),
    fullSync: z.boolean().default(false).describe('The list is complete: every resource of the covered kinds that is not in it is marked missing.'),
    kinds: z.array(Kind).max(32).optional().describe('With fullSync: the kinds the list is complete for. Default: the kinds in the list.'),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.resources.forEach((resource, index) => {
      const key = `${resource.kind}/${resource.externalId}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['resources', index, 'externalId'], message: `repeats ${key}; report each resource once` });
      seen.add(key);
    });
  });

export const ReportResultSchema = z.object({
  created: z.number(),
  updated: z.number().describe('Known resources whose name or state changed.'),
  unchanged: z.number(),
  missing: z.number().describe('Resources newly marked missing by this full sync.'),
  resources: z.array(ResourceSchema).describe('Each reported resource, in the order sent, with its health.'),
  markedMissing: z.array(ResourceSchema),
});

export const IntegrationResourceListSchema = z.object({ items: z.array(ResourceSchema) });
