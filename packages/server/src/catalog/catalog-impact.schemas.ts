import { z } from 'zod';
import { CONSEQUENCE_CODES } from './catalog-impact.types.ts';

const Customer = z.object({ id: z.string(), number: z.string(), name: z.string() });

const ImpactItemSchema = z.object({
  customer: Customer,
  license: z.object({ id: z.string(), keyPrefix: z.string() }).optional(),
  computer: z.object({ id: z.string(), hostName: z.string() }).optional(),
  feature: z.string().optional(),
  components: z.array(z.string()).optional().describe('Components that changed at a check-in, or that a computer has on record.'),
  at: z.string().optional(),
  count: z.number().optional().describe('What the consequence counts for this row: resets used, seats assigned, components, licenses.'),
  limit: z.number().optional().describe('The limit that count is held against under the change.'),
  cents: z.number().optional().describe('Change of money per month for this row, in cents.'),
});

const ConsequenceSchema = z.object({
  code: z.enum(CONSEQUENCE_CODES),
  severity: z.enum(['info', 'warning', 'blocking']).describe('blocking: the change is refused as it stands.'),
  message: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  items: z.array(ImpactItemSchema).describe('At most 50 rows; itemCount says how many there are.'),
  itemCount: z.number(),
});

export const ImpactSchema = z.object({
  subject: z.object({ type: z.enum(['product', 'feature', 'plan', 'policy']), id: z.string(), name: z.string() }),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  usage: z.object({
    plans: z.number(), customers: z.number(), licenses: z.number().describe('Licenses that give use now.'),
    seats: z.number().describe('Seats held now.'), computers: z.number().describe('Seats held by computers (activations).'),
  }),
  consequences: z.array(ConsequenceSchema),
  allowed: z.boolean().describe('false: the same PATCH would be refused (409), naming the blocking consequences.'),
});
