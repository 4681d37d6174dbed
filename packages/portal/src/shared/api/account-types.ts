// The shapes of the /v1/account/* answers (packages/server/src/seats/seat.schemas.ts).

export type Names = { en: string; fr: string | null };
export type Period = 'month' | 'year';
export type Health = 'ok' | 'not_synchronised' | 'unreachable' | 'missing';

export interface PlanView { id: string; code: string; name: Names; priceCents: number; currency: string; period: Period }
export interface FeatureView { id: string; code: string; name: Names; seatKind: string }

export interface ResetBudget { limit: number; used: number; remaining: number; windowDays: number; nextRefillAt: string | null }

export interface MachineActivation {
  hostName: string; platform: string; appVersion: string; activatedAt: string; lastCheckInAt: string; leaseExpiresAt: string;
}

export interface SeatRow {
  assignmentId: string;
  licenseId: string;
  feature: string;
  assignedAt: string;
  resource: { id: string; kind: string; name: string; health: Health };
  activation: MachineActivation | null;
  cost: { planCode: string; priceCents: number; currency: string; period: Period } | null;
}

export interface Account {
  id: string;
  number: string;
  name: string;
  status: 'active' | 'suspended';
  contact: { name: string | null; email: string | null; phone: string | null };
  locale: string;
}

export type LicenseStatus = 'active' | 'suspended' | 'cancelled';

export interface LicenseItem {
  id: string;
  keyPrefix: string;
  plan: PlanView;
  status: LicenseStatus;
  grantsSlots: boolean;
  startsAt: string;
  expiresAt: string | null;
  upgradesTo: string[];
  assignments: SeatRow[];
  resetBudget: ResetBudget;
}

export interface Pool { feature: FeatureView; capacity: number; assigned: number; unassigned: number; rows: SeatRow[] }

export interface Resource {
  id: string; kind: string; externalId: string; name: string; health: Health;
  reachable: boolean; synchronised: boolean; missing: boolean; lastReportedAt: string | null; features: string[];
}

export interface PerPeriod { month: number; year: number }
export interface PriceChange { currency: string; before: PerPeriod; after: PerPeriod; delta: PerPeriod }

export interface LicenseSummary { id: string; keyPrefix: string; plan: PlanView; status: LicenseStatus; startsAt: string; expiresAt: string | null }

export interface AddedLicense { dryRun: boolean; license: LicenseSummary | null; key: string | null; priceChange: PriceChange }
export interface UpgradedLicense { dryRun: boolean; license: LicenseSummary; priceChange: PriceChange }
export interface RemovedLicense { dryRun: boolean; license: LicenseSummary; released: string[]; rebound: { assignmentId: string; licenseId: string }[]; priceChange: PriceChange }

/** The 409 REMOVAL_NEEDS_CHOICE problem's extra fields: per feature, how many rows to pick and from which. */
export interface RemovalNeed {
  feature: FeatureView;
  count: number;
  candidates: { assignmentId: string; licenseId: string; resource: { id: string; kind: string; name: string } }[];
}

export interface Unassigned { released: true; assignmentId: string; reset: { resetId: string; budget: ResetBudget } | null }

export interface BillLine { planId: string; planCode: string; planName: Names; period: Period; quantity: number; unitCents: number; amountCents: number }
export interface Bill { currency: string; lines: BillLine[]; totals: PerPeriod; at: string }

export interface PortalEvent {
  id: string;
  type: string;
  actor: { type: string; id: string | null };
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
  createdAt: string;
}
export interface EventPage { items: PortalEvent[]; nextCursor: string | null }

/** A plan the customer can add (GET /v1/account/plans). */
export interface OfferedPlan {
  id?: string;
  code: string;
  name: Names;
  priceCents: number;
  currency: string;
  period: Period;
  product?: { code: string; name: string };
  slots: { feature: FeatureView; quantity: number }[];
  upgradesTo: string[];
}
