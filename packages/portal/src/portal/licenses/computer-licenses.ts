import type { LicenseItem, OfferedPlan, PortalEvent, SeatRow } from '../../shared/api/account-types.ts';

/**
 * A license for a computer: one whose seat is a machine. Known from its seat when it has one, from the
 * plan's slots when the plan list says, and otherwise from its reset budget (only computers are reset).
 */
export function isComputerLicense(license: LicenseItem, plans: OfferedPlan[] | null): boolean {
  if (license.assignments.some((row) => row.resource.kind === 'machine')) return true;
  const plan = plans?.find((p) => p.code === license.plan.code);
  if (plan && plan.slots.length) return plan.slots.some((slot) => slot.feature.seatKind === 'machine');
  return license.assignments.length === 0 && license.resetBudget.limit > 0;
}

export function computerOf(license: LicenseItem): SeatRow | null {
  return license.assignments.find((row) => row.activation !== null) ?? null;
}

export interface Drift { at: string; changed: string[]; added: string[] }
export interface Refusal { at: string; code: string; mismatched: string[] }
export interface ResetRecord { at: string; hostName: string | null; reason: string | null; actorType: string }

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The hardware changes recorded for a computer's activation, newest first. */
export function driftHistory(events: PortalEvent[], assignmentId: string): Drift[] {
  return events
    .filter((e) => e.type === 'activation.drifted' && e.subjectId === assignmentId)
    .map((e) => ({ at: e.createdAt, changed: strings(e.data.changed), added: strings(e.data.added) }));
}

/** Check-ins refused since the last accepted one: the computer is not licensed until it is reset and activated again. */
export function refusalsSince(events: PortalEvent[], assignmentId: string, lastCheckInAt: string): Refusal[] {
  return events
    .filter((e) => e.type === 'activation.check_in_refused' && e.subjectId === assignmentId && e.createdAt > lastCheckInAt)
    .map((e) => ({ at: e.createdAt, code: text(e.data.code) ?? '', mismatched: strings(e.data.mismatched) }));
}

/** Resets of the license's computers, newest first. */
export function resetHistory(events: PortalEvent[], licenseId: string): ResetRecord[] {
  return events
    .filter((e) => e.type === 'activation.reset' && e.data.licenseId === licenseId)
    .map((e) => ({ at: e.createdAt, hostName: text(e.data.hostName), reason: text(e.data.reason), actorType: e.actor.type }));
}
