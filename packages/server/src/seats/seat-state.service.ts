import { isSeatHeld, type Feature, type Plan } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { listFeatures, loadPlans } from '../catalog/catalog.repository.ts';
import type { Actor } from '../events/event.repository.ts';
import type { CustomerPrincipal } from '../http/auth.ts';
import { listCustomerLicenses, type LicenseRecord } from '../licenses/license.repository.ts';
import { listOpenSeatRows, type SeatRow } from './seat.repository.ts';

/**
 * Whose seats a change acts on and who makes it. `licenseId` limits it to one license (the caller
 * signed in with a license key). The portal's sessions and the demo seed build one of these too.
 */
export interface SeatScope {
  customerId: string;
  actor: Actor;
  licenseId?: string | null;
}

export function seatScope(principal: CustomerPrincipal): SeatScope {
  return { customerId: principal.customerId, actor: principal.actor, licenseId: principal.kind === 'license' ? principal.licenseId : null };
}

/** What the seat rules look at: the licenses in scope, their plans, the catalogue's features and the seats held. */
export interface SeatState {
  /** Licenses the scope may see and use. */
  licenses: LicenseRecord[];
  /** Every license of the customer, whatever the scope: a bill or price change is over all of them. */
  allLicenses: LicenseRecord[];
  plans: Map<string, Plan>;
  features: Map<string, Feature>;
  /** Seats held now on licenses in scope. */
  rows: SeatRow[];
  /** Seats held now on any of the customer's licenses. */
  allRows: SeatRow[];
}

export async function loadSeatState(db: Db, scope: SeatScope, now: number, extraPlanIds: string[] = []): Promise<SeatState> {
  const allLicenses = await listCustomerLicenses(db, scope.customerId);
  const licenses = scope.licenseId ? allLicenses.filter((l) => l.id === scope.licenseId) : allLicenses;
  const plans = await loadPlans(db, { ids: [...new Set([...allLicenses.map((l) => l.planId), ...extraPlanIds])] });
  const features = new Map((await listFeatures(db)).map((f) => [f.id, f]));
  const allRows = (await listOpenSeatRows(db, scope.customerId)).filter((row) => isSeatHeld(row.assignment, now));
  const inScope = new Set(licenses.map((l) => l.id));
  return { licenses, allLicenses, plans, features, rows: allRows.filter((row) => inScope.has(row.assignment.licenseId)), allRows };
}
