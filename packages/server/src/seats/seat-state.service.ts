import { isSeatHeld, type Feature, type Plan } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { listFeatures, loadPlans } from '../catalog/catalog.repository.ts';
import type { Actor } from '../events/event.repository.ts';
import type { CustomerPrincipal } from '../http/auth.ts';
import { listCustomerLicenses, type LicenseRecord } from '../licenses/license.repository.ts';
import { listOpenSeatRows, type SeatRow } from './seat.repository.ts';

/**
 * Whose seats a change acts on and who makes it: a person of the customer's in the client portal
 * (the seat-management API takes no machine credentials), or the demo seed acting as the customer.
 */
export interface SeatScope {
  customerId: string;
  actor: Actor;
}

export function seatScope(principal: CustomerPrincipal): SeatScope {
  return { customerId: principal.customerId, actor: principal.actor };
}

/** What the seat rules look at: the customer's licenses, their plans, the catalogue's features and the seats held now. */
export interface SeatState {
  licenses: LicenseRecord[];
  plans: Map<string, Plan>;
  features: Map<string, Feature>;
  rows: SeatRow[];
}

export async function loadSeatState(db: Db, scope: SeatScope, now: number, extraPlanIds: string[] = []): Promise<SeatState> {
  const licenses = await listCustomerLicenses(db, scope.customerId);
  const plans = await loadPlans(db, { ids: [...new Set([...licenses.map((l) => l.planId), ...extraPlanIds])] });
  const features = new Map((await listFeatures(db)).map((f) => [f.id, f]));
  const rows = (await listOpenSeatRows(db, scope.customerId)).filter((row) => isSeatHeld(row.assignment, now));
  return { licenses, plans, features, rows };
}
