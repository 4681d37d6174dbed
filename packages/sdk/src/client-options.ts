import type { AnswerCode } from '@leasehold/core';
import type { ComponentName, RawComponents } from './fingerprint/components.ts';
import type { TrustedKeysOption } from './key-trust.ts';
import type { ResetBudget, SeatHolder } from './server-api.ts';
import type { LicenseStatus } from './status.ts';

export interface Clock {
  now(): number;
}

export interface LeaseholdClientOptions {
  /** The product code the app is built for. */
  product: string;
  /** The feature computers activate; may be left out when the product has one. */
  feature?: string;
  appVersion: string;
  /** The app's data folder (Electron: `app.getPath('userData')`; otherwise `appDataDir('Your App')`). */
  dataDir: string;
  /** The license server, e.g. https://licenses.example.com. Not needed on an air-gapped computer. */
  serverUrl?: string;
  /** The product's fingerprint salt. Bake it in to work before any contact (air-gapped sites); otherwise it is read from the server once. */
  fingerprintSalt?: string;
  /**
   * The vendor's keys, built into the app: what `leasehold keys trusted` prints (the root key, which
   * certifies every signing key the server will use, and today's signing keys). Leases verify only
   * against these and the keys they certify. Leave it out only in development: the app then trusts
   * whatever server it first reaches, and says so with a warning at every start. Never ship that.
   */
  trustedKeys?: TrustedKeysOption;
  /** How far the clock may go back before it counts as rolled back. Default 5 minutes. */
  clockToleranceMs?: number;
  requestTimeoutMs?: number;
  hostName?: string;
  platform?: string;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Replaces this computer's component sources (tests, unusual hardware). */
  collectComponents?: () => Promise<RawComponents>;
  random?: () => number;
}

export type ActivationOutcome =
  | { activated: true; reactivated: boolean; status: LicenseStatus }
  | { activated: false; code: 'NO_FREE_SEAT'; detail: string; holders: SeatHolder[]; resetBudgets: { licenseId: string; budget: ResetBudget }[] }
  | { activated: false; code: 'TOO_FEW_COMPONENTS'; detail: string; presented: number; required: number; missing: ComponentName[] }
  | { activated: false; code: Exclude<AnswerCode, 'VALID' | 'NO_FREE_SEAT' | 'TOO_FEW_COMPONENTS'>; detail: string };

export interface ResetOutcome {
  resetId: string;
  licenseId: string;
  budget: ResetBudget;
}
