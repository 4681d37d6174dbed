import type { Fingerprint, Invalid } from '@leasehold/core';
import type { ResetBudgetView } from '../resets/reset.service.ts';

/** What the machine API answers: the shapes the app, the SDK and the portal read. */

export interface MachineDetails {
  fingerprint: Fingerprint;
  hostName: string;
  platform: string;
  appVersion: string;
}

export interface ActivationView {
  id: string;
  licenseId: string;
  product: string;
  feature: string;
  hostName: string;
  platform: string;
  appVersion: string;
  activatedAt: string;
  lastCheckInAt: string;
  leaseExpiresAt: string;
}

export interface SeatHolder {
  activationId: string;
  licenseId: string;
  hostName: string;
  platform: string;
  lastCheckInAt: string;
}

export type Granted = {
  valid: true;
  code: 'VALID';
  detail: string;
  activation: ActivationView;
  lease: string;
  drift: { changed: string[]; added: string[] } | null;
  /** Activation only: true when this computer already held a seat and kept it. */
  reactivated?: boolean;
  /** Activation only: what this computer sends to give its seat back (DELETE); shown once, only its hash is kept. */
  activationSecret?: string;
};

export type Refused =
  | Invalid
  | { valid: false; code: 'FEATURE_NOT_LICENSED'; detail: string }
  | { valid: false; code: 'NO_FREE_SEAT'; detail: string; holders: SeatHolder[]; holdersTotal: number; resetBudgets: { licenseId: string; budget: ResetBudgetView }[] };

export type MachineAnswer = Granted | Refused;

/** What a validation answers: no lease, since it changes nothing. */
export type ValidationAnswer = Refused | (Omit<Granted, 'lease' | 'reactivated' | 'activationSecret'>);
