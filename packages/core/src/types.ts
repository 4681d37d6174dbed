import type { Millis } from './time.ts';

/** Text in each language the product speaks. English is always present. */
export interface LocalizedText {
  en: string;
  fr?: string;
}

/** `machine` for computers that activate themselves; any other kind names an integration-reported resource. */
export type SeatKind = 'machine' | 'provider' | 'schedule' | 'user' | (string & {});

export interface Product {
  id: string;
  code: string;
  name: string;
  /** Mixed into every fingerprint component hash by the SDK, so hashes differ between products. */
  fingerprintSalt: string;
}

export interface Feature {
  id: string;
  productId: string;
  code: string;
  name: LocalizedText;
  seatKind: SeatKind;
}

export type PolicyMode = 'node_locked' | 'floating';

export interface Policy {
  id: string;
  productId: string;
  name: string;
  mode: PolicyMode;
  /** How often the app is expected to check in. */
  checkInIntervalSeconds: number;
  /** How long a lease lets the app run without reaching the server (offline grace). */
  leaseSeconds: number;
  /** How many fingerprint components may change while the machine is still the same one. */
  fingerprintTolerance: number;
  /** Fewest components a machine must present to be told apart from others. */
  minComponents: number;
  /** Resets allowed per rolling window; 0 means self-service resets are off. */
  resetLimit: number;
  resetWindowSeconds: number;
  /** Floating only: a seat with no heartbeat for this long is free again. */
  heartbeatSeconds: number;
  /** Licenses under this policy end this many days after they start; null means no end. */
  termDays: number | null;
}

export type BillingPeriod = 'month' | 'year';

export interface PlanSlot {
  featureId: string;
  quantity: number;
}

/** A license type: the feature slots one license gives, its price and where it can be upgraded to. */
export interface Plan {
  id: string;
  productId: string;
  code: string;
  name: LocalizedText;
  policyId: string;
  priceCents: number;
  currency: string;
  period: BillingPeriod;
  slots: PlanSlot[];
  upgradesTo: string[];
}

export type CustomerStatus = 'active' | 'suspended';

export interface Customer {
  id: string;
  number: string;
  name: string;
  status: CustomerStatus;
}

export type LicenseStatus = 'active' | 'suspended' | 'cancelled';

export interface License {
  id: string;
  customerId: string;
  planId: string;
  status: LicenseStatus;
  startsAt: Millis;
  /** null: the license does not end by itself. */
  expiresAt: Millis | null;
  /**
   * What the license is billed per period: the price of plan `planId` when the license took it.
   * It holds while the license stays on that plan; absent (or for another plan, as when an upgrade
   * is being priced), the plan's catalogue price applies (see `billedPrice`).
   */
  price?: LicensePrice;
}

export interface LicensePrice {
  planId: string;
  priceCents: number;
  currency: string;
  period: BillingPeriod;
}

/** Component name to its salted hash, as the client computed it. */
export type Fingerprint = Record<string, string>;

/** One feature slot given to one resource. A machine's assignment also carries its activation. */
export interface Assignment {
  id: string;
  customerId: string;
  licenseId: string;
  featureId: string;
  resourceId: string;
  createdAt: Millis;
  /** Set by a reset, a deactivation or a removal; the slot is free from then on. */
  releasedAt: Millis | null;
  /** Floating seats are held until this time unless a heartbeat extends it; null: held until released. */
  heldUntil: Millis | null;
}

export interface Activation {
  assignmentId: string;
  fingerprint: Fingerprint;
  hostName: string;
  platform: string;
  appVersion: string;
  activatedAt: Millis;
  lastCheckInAt: Millis;
  leaseExpiresAt: Millis;
}

export interface Resource {
  id: string;
  customerId: string;
  kind: SeatKind;
  externalId: string;
  name: string;
  reachable: boolean;
  synchronised: boolean;
  /** A full sync from the integration no longer reported it. */
  missing: boolean;
  lastReportedAt: Millis | null;
}
