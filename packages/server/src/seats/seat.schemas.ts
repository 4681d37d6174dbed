import { z } from 'zod';
import { ResetBudgetSchema } from '../activations/activation.schemas.ts';

const id = z.string().min(1).max(64);
const Names = z.object({ en: z.string(), fr: z.string().nullable() });
const Period = z.enum(['month', 'year']);
const PerPeriod = z.object({ month: z.number(), year: z.number() });
export const HealthSchema = z.enum(['ok', 'not_synchronised', 'unreachable', 'missing'])
  .describe('ok; not_synchronised (yellow: reachable but not synchronised); unreachable (red); missing (no longer reported by the integration).');

export const PlanSchema = z.object({ id: z.string(), code: z.string(), name: Names, priceCents: z.number(), currency: z.string(), period: Period });
export const FeatureSchema = z.object({ id: z.string(), code: z.string(), name: Names, seatKind: z.string() });

export const PlanListSchema = z.object({
  items: z.array(PlanSchema.extend({
    product: z.object({ code: z.string(), name: z.string() }),
    slots: z.array(z.object({ feature: FeatureSchema, quantity: z.number() })).describe('The feature slots one license of the plan gives.'),
    upgradesTo: z.array(z.string()).describe('Codes of the plans a license of this plan can be upgraded to.'),
  })),
});

export const SeatRowSchema = z.object({
  assignmentId: z.string(),
  licenseId: z.string(),
  feature: z.string(),
  assignedAt: z.string(),
  resource: z.object({ id: z.string(), kind: z.string(), name: z.string(), health: HealthSchema }),
  activation: z.object({
    hostName: z.string(), platform: z.string(), appVersion: z.string(), activatedAt: z.string(), lastCheckInAt: z.string(), leaseExpiresAt: z.string(),
  }).nullable().describe('For a computer: its activation. null for other resources.'),
  cost: z.object({ planCode: z.string(), priceCents: z.number(), currency: z.string(), period: Period }).nullable()
    .describe('The plan price of the license this seat uses; removing that license is what stops the charge.'),
});

export const AccountSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  status: z.enum(['active', 'suspended']),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  address: z.object({
    line1: z.string().nullable(), line2: z.string().nullable(), city: z.string().nullable(), region: z.string().nullable(), postalCode: z.string().nullable(), country: z.string().nullable(),
  }),
  locale: z.string(),
});

const LicenseStatus = z.enum(['active', 'suspended', 'cancelled']);

export const LicenseListSchema = z.object({
  items: z.array(z.object({
    id: z.string(),
    keyPrefix: z.string(),
    plan: PlanSchema,
    status: LicenseStatus,
    grantsSlots: z.boolean().describe('Active and within its term: its slots count in the pools.'),
    startsAt: z.string(),
    expiresAt: z.string().nullable(),
    upgradesTo: z.array(z.string()).describe('Codes of the plans this license can be upgraded to.'),
    assignments: z.array(SeatRowSchema),
    resetBudget: ResetBudgetSchema,
  })),
});

export const PoolListSchema = z.object({
  items: z.array(z.object({
    feature: FeatureSchema,
    capacity: z.number().describe('Slots of the licenses that grant them now.'),
    assigned: z.number(),
    unassigned: z.number().describe('Slots paid for and not assigned: "Allocate [x] unassigned".'),
    rows: z.array(SeatRowSchema).describe('The activation table of this feature.'),
  })),
});

export const ResourceKindQuery = z.object({ kind: z.string().trim().min(1).max(32).optional() });

export const ResourceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  externalId: z.string(),
  name: z.string(),
  health: HealthSchema,
  reachable: z.boolean(),
  synchronised: z.boolean(),
  missing: z.boolean(),
  lastReportedAt: z.string().nullable(),
});

export const ResourceListSchema = z.object({
  items: z.array(ResourceSchema.extend({ features: z.array(z.string()).describe('Codes of the features assigned to it.') })),
});

export const AssignBody = z.object({
  feature: id.describe('Feature code (e.g. "patient-messages") or id.'),
  resourceId: id,
});

export const AssignedSchema = z.object({
  assignment: SeatRowSchema,
  pool: z.object({ capacity: z.number(), assigned: z.number(), unassigned: z.number() }),
});

// Fastify gives a request without a body as null.
export const UnassignBody = z.object({ reason: z.string().trim().min(3).max(500).optional() }).nullish();

export const UnassignedSchema = z.object({
  released: z.literal(true),
  assignmentId: z.string(),
  reset: z.object({ resetId: z.string(), budget: ResetBudgetSchema }).nullable().describe('For a computer: the reset and the budget left.'),
});

export const PriceChangeSchema = z.object({ currency: z.string(), before: PerPeriod, after: PerPeriod, delta: PerPeriod });

const LicenseSummarySchema = z.object({
  id: z.string(), keyPrefix: z.string(), plan: PlanSchema, status: LicenseStatus, startsAt: z.string(), expiresAt: z.string().nullable(),
});

export const AddLicenseBody = z.object({ plan: id.describe('Plan code, e.g. "engagement-plus".'), dryRun: z.boolean().optional() });
export const AddedLicenseSchema = z.object({
  dryRun: z.boolean(),
  license: LicenseSummarySchema.nullable(),
  key: z.string().nullable().describe('The new license key, shown once.'),
  priceChange: PriceChangeSchema,
});

export const UpgradeBody = z.object({ toPlan: id, dryRun: z.boolean().optional() });
export const UpgradedSchema = z.object({ dryRun: z.boolean(), license: LicenseSummarySchema, priceChange: PriceChangeSchema });

export const RemoveBody = z.object({
  releaseAssignmentIds: z.array(id).max(1000).default([]).describe('Rows to unassign, as a REMOVAL_NEEDS_CHOICE answer lists them.'),
  dryRun: z.boolean().optional(),
});
export const RemovedSchema = z.object({
  dryRun: z.boolean(),
  license: LicenseSummarySchema,
  released: z.array(z.string()),
  rebound: z.array(z.object({ assignmentId: z.string(), licenseId: z.string() })).describe('Seats moved from the removed license to another one.'),
  priceChange: PriceChangeSchema,
});

export const BillSchema = z.object({
  currency: z.string(),
  lines: z.array(z.object({
    planId: z.string(), planCode: z.string(), planName: Names, period: Period, quantity: z.number(), unitCents: z.number(), amountCents: z.number(),
  })),
  totals: PerPeriod,
  at: z.string(),
});

export const EventPageSchema = z.object({
  items: z.array(z.object({
    id: z.string(),
    type: z.string(),
    actor: z.object({ type: z.string(), id: z.string().nullable() }),
    subjectType: z.string(),
    subjectId: z.string(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })),
  nextCursor: z.string().nullable(),
});
