import { z } from 'zod';

export const LicenseSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  plan: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  price: z.object({ priceCents: z.number(), currency: z.string(), period: z.enum(['month', 'year']) })
    .describe('What the license is billed per period: its plan\'s price when it took the plan, which a later catalogue price change leaves as it is.'),
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

export const ChangePlanPreviewQuery = z.object({ plan: z.string().min(1).max(64).describe('Plan id or code of the same product') });

const LocalizedNameOut = z.object({ en: z.string(), fr: z.string().optional() });
const PlanPriceSchema = z.object({ id: z.string(), code: z.string(), name: LocalizedNameOut, priceCents: z.number(), currency: z.string(), period: z.enum(['month', 'year']) });
const PerPeriod = z.object({ month: z.number(), year: z.number() });

/** The 409 REMOVAL_NEEDS_CHOICE of a plan change lists the same. */
const ReleaseNeededSchema = z.object({
  featureId: z.string(),
  feature: z.string(),
  featureName: z.string(),
  count: z.number().describe('How many assignments of this feature to remove first.'),
  slotsLeft: z.number(),
  candidates: z.array(z.object({ assignmentId: z.string(), licenseId: z.string(), resourceName: z.string(), resourceKind: z.string() })),
});

export const ChangePlanPreviewSchema = z.object({
  license: LicenseSchema,
  from: PlanPriceSchema,
  to: PlanPriceSchema,
  priceChange: z.object({ currency: z.string(), before: PerPeriod, after: PerPeriod, delta: PerPeriod }).describe('What the customer pays per period for their licenses that grant use now, before and after, in cents.'),
  seats: z.array(z.object({
    featureId: z.string(),
    feature: z.string(),
    name: LocalizedNameOut,
    seatKind: z.string(),
    slotsBefore: z.number().describe('Slots this license gives now.'),
    slotsAfter: z.number(),
    capacityBefore: z.number().describe('The customer\'s pool: slots of all their licenses that grant use now.'),
    capacityAfter: z.number(),
    assigned: z.number(),
    shortfall: z.number().describe('Assigned beyond the capacity after the change: that many assignments must be removed first.'),
  })).describe('Per feature of either plan.'),
  canChange: z.boolean().describe('False when assignments must be removed first; POST change-plan would answer 409 REMOVAL_NEEDS_CHOICE.'),
  release: z.array(ReleaseNeededSchema),
});
