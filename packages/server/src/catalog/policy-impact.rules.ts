import { checkComponentCount, componentCount, iso, leaseClaims, resetBudget, type Policy } from '@leasehold/core';
import type { ImpactLicense, ImpactSeat } from './catalog-impact.repository.ts';
import { consequence, type Consequence, type ImpactItem } from './catalog-impact.types.ts';
import { count, duration } from './impact-text.ts';

/** How far back drift is looked at when the tolerance is lowered. */
export const DRIFT_LOOKBACK_DAYS = 90;

/** What a policy change is measured against: the licenses that give use now, the seats held on them, their drift and counted resets. */
export interface PolicyFacts {
  now: number;
  licenses: ImpactLicense[];
  seats: ImpactSeat[];
  /** Drift recorded at check-ins in the last DRIFT_LOOKBACK_DAYS on those seats. */
  drifts: { assignmentId: string; changed: string[]; at: number }[];
  /** Counted reset times per license, over the longer of the two reset windows. */
  resets: Map<string, number[]>;
}

type Computer = ImpactSeat & { activation: NonNullable<ImpactSeat['activation']> };

function computersOf(facts: PolicyFacts): Computer[] {
  return facts.seats.filter((seat): seat is Computer => seat.activation !== null);
}

export function computerItem(seat: Computer, licenses: ImpactLicense[]): ImpactItem {
  const license = licenses.find((l) => l.id === seat.assignment.licenseId);
  return {
    customer: license?.customer ?? { id: seat.assignment.customerId, number: '', name: '' },
    ...(license ? { license: { id: license.id, keyPrefix: license.keyPrefix } } : {}),
    computer: { id: seat.assignment.id, hostName: seat.activation.hostName },
  };
}

function licenseItem(license: ImpactLicense): ImpactItem {
  return { customer: license.customer, license: { id: license.id, keyPrefix: license.keyPrefix } };
}

/** What an app gets from a lease under the policy (leaseClaims): how long it runs offline and when its next check-in is due. */
function leaseTerms(policy: Policy, now: number) {
  const claims = leaseClaims({
    issuer: '', activationId: '', license: { id: '', customerId: '', expiresAt: null }, productCode: '', featureCode: '', policy, fingerprint: {},
  }, now);
  return { graceSeconds: claims.exp - claims.iat, checkInSeconds: claims.chk - claims.iat };
}

function tolerance(before: Policy, after: Policy, facts: PolicyFacts): Consequence[] {
  const [from, to] = [before.fingerprintTolerance, after.fingerprintTolerance];
  if (to === from) return [];
  if (to > from) {
    return [consequence('TOLERANCE_RAISED', 'info', `Raising the tolerance from ${from} to ${to} changed components: a computer stays the same one while at most ${to} of its components change between two check-ins.`, { from, to })];
  }
  const computers = new Map(computersOf(facts).map((c) => [c.assignment.id, c]));
  // The rule of matchFingerprint: more changed components than the tolerance is another computer.
  const worst = new Map<string, PolicyFacts['drifts'][number]>();
  for (const drift of facts.drifts) {
    if (!computers.has(drift.assignmentId) || drift.changed.length <= to) continue;
    const seen = worst.get(drift.assignmentId);
    if (!seen || drift.changed.length >= seen.changed.length) worst.set(drift.assignmentId, drift);
  }
  const items = [...worst].map(([id, drift]) => ({
    ...computerItem(computers.get(id)!, facts.licenses), components: drift.changed, at: iso(drift.at), count: drift.changed.length, limit: to,
  }));
  const n = items.length;
  const message = `Lowering the tolerance from ${from} to ${to} changed ${to === 1 ? 'component' : 'components'}: ${count(n, 'computer')} drifted by more than ${to} ${to === 1 ? 'component' : 'components'} at one check-in in the last ${DRIFT_LOOKBACK_DAYS} days. `
    + (n ? 'Under the new tolerance such a check-in is refused (FINGERPRINT_MISMATCH): the next hardware change like it stops the app until the customer resets the license. ' : '')
    + 'Leases already issued keep the old tolerance offline until each computer\'s next check-in.';
  return [consequence('TOLERANCE_LOWERED', n ? 'warning' : 'info', message, { from, to, days: DRIFT_LOOKBACK_DAYS, computers: n }, items)];
}

function minComponents(before: Policy, after: Policy, facts: PolicyFacts): Consequence[] {
  const [from, to] = [before.minComponents, after.minComponents];
  if (to === from) return [];
  if (to < from) return [consequence('MIN_COMPONENTS_LOWERED', 'info', `Computers that present as few as ${to} components can activate and check in.`, { from, to })];
  const items = computersOf(facts)
    .filter((c) => checkComponentCount(c.activation.fingerprint, after) !== null)
    .map((c) => ({ ...computerItem(c, facts.licenses), components: Object.keys(c.activation.fingerprint).sort(), count: componentCount(c.activation.fingerprint), limit: to }));
  const n = items.length;
  return [consequence('MIN_COMPONENTS_RAISED', n ? 'warning' : 'info',
    `Raising the minimum from ${from} to ${to} components: ${count(n, 'computer')} ${n === 1 ? 'has' : 'have'} fewer than ${to} components on record and would be refused at ${n === 1 ? 'its' : 'their'} next check-in (TOO_FEW_COMPONENTS).`,
    { from, to, computers: n }, items)];
}

function lease(before: Policy, after: Policy, facts: PolicyFacts): Consequence[] {
  const [b, a] = [leaseTerms(before, facts.now), leaseTerms(after, facts.now)];
  const computers = computersOf(facts);
  const n = computers.length;
  const out: Consequence[] = [];
  if (a.graceSeconds !== b.graceSeconds) {
    const shorter = a.graceSeconds < b.graceSeconds;
    const latest = computers.reduce<number | null>((max, c) => Math.max(max ?? 0, c.activation.leaseExpiresAt), null);
    out.push(consequence(shorter ? 'LEASE_SHORTENED' : 'LEASE_LENGTHENED', 'info',
      `Offline lease ${shorter ? 'shortened' : 'lengthened'} from ${duration(b.graceSeconds)} to ${duration(a.graceSeconds)}: leases already issued keep their expiry${latest ? ` (the last ends ${iso(latest)})` : ''}; each of the ${count(n, 'computer')} gets the ${shorter ? 'shorter' : 'longer'} lease at its next check-in.`,
      { from: b.graceSeconds, to: a.graceSeconds, computers: n, latestExpiry: latest ? iso(latest) : null }));
  }
  if (a.checkInSeconds !== b.checkInSeconds) {
    out.push(consequence('CHECK_IN_INTERVAL_CHANGED', 'info',
      `Computers check in every ${duration(a.checkInSeconds)} instead of every ${duration(b.checkInSeconds)}, each from its next check-in (${count(n, 'computer')}).`,
      { from: b.checkInSeconds, to: a.checkInSeconds, computers: n }));
  }
  return out;
}

function mode(before: Policy, after: Policy, facts: PolicyFacts): Consequence[] {
  const n = computersOf(facts).length;
  if (after.mode !== before.mode) {
    const message = after.mode === 'floating'
      ? `Seats become floating: from each computer's next check-in, a seat is freed when no heartbeat arrives for ${duration(after.heartbeatSeconds)}, and another computer of the customer may take it. ${count(n, 'computer')} hold seats now.`
      : `Seats become node-locked: from each computer's next check-in, a seat stays with its computer until it is reset, without heartbeats. ${count(n, 'computer')} hold seats now.`;
    return [consequence('MODE_CHANGED', 'warning', message, { from: before.mode, to: after.mode, heartbeat: after.heartbeatSeconds, computers: n })];
  }
  if (after.mode === 'floating' && after.heartbeatSeconds !== before.heartbeatSeconds) {
    return [consequence('HEARTBEAT_CHANGED', 'info',
      `A floating seat is freed after ${duration(after.heartbeatSeconds)} without a heartbeat instead of ${duration(before.heartbeatSeconds)}, from each computer's next heartbeat (${count(n, 'computer')}).`,
      { from: before.heartbeatSeconds, to: after.heartbeatSeconds, computers: n })];
  }
  return [];
}

function resets(before: Policy, after: Policy, facts: PolicyFacts): Consequence[] {
  if (after.resetLimit === before.resetLimit && after.resetWindowSeconds === before.resetWindowSeconds) return [];
  const licenses = facts.licenses.length;
  const values = { fromLimit: before.resetLimit, toLimit: after.resetLimit, fromWindow: before.resetWindowSeconds, toWindow: after.resetWindowSeconds, licenses };
  if (after.resetLimit === 0) {
    return [consequence('RESETS_TURNED_OFF', licenses ? 'warning' : 'info',
      `Self-service resets turned off for ${count(licenses, 'license')}: customers can no longer reset from the portal or the app; staff resets still work.`, values, facts.licenses.map(licenseItem))];
  }
  const budget = `${after.resetLimit} per ${duration(after.resetWindowSeconds)}`;
  if (before.resetLimit === 0) {
    return [consequence('RESETS_TURNED_ON', 'info', `Self-service resets turned on: ${count(licenses, 'license')} get ${budget}.`, values)];
  }
  let lowered = after.resetLimit < before.resetLimit || after.resetWindowSeconds > before.resetWindowSeconds;
  const items: ImpactItem[] = [];
  for (const license of facts.licenses) {
    const times = facts.resets.get(license.id) ?? [];
    const was = resetBudget(times, before, facts.now);
    const will = resetBudget(times, after, facts.now);
    if (will.remaining < was.remaining) lowered = true;
    if (will.remaining === 0 && was.remaining > 0) items.push({ ...licenseItem(license), count: will.used, limit: will.limit });
  }
  const from = `${before.resetLimit} per ${duration(before.resetWindowSeconds)}`;
  if (!lowered) return [consequence('RESET_BUDGET_RAISED', 'info', `Reset budget raised from ${from} to ${budget}: customers of ${count(licenses, 'license')} get the extra resets at once.`, values)];
  const n = items.length;
  return [consequence('RESET_BUDGET_LOWERED', n ? 'warning' : 'info',
    `Reset budget lowered from ${from} to ${budget}: ${count(n, 'license')} ${n === 1 ? 'has' : 'have'} already used ${after.resetLimit} or more resets in the last ${duration(after.resetWindowSeconds)} and would have none left until the oldest leaves the window. Resets already made stay made.`,
    { ...values, exhausted: n }, items)];
}

function term(before: Policy, after: Policy, facts: PolicyFacts): Consequence[] {
  if (after.termDays === before.termDays) return [];
  const licenses = facts.licenses.length;
  return [consequence('TERM_CHANGED', 'info',
    `Licenses already issued keep their end date (${count(licenses, 'license')}); licenses issued from now ${after.termDays === null ? 'do not end by themselves' : `end ${count(after.termDays, 'day')} after they start`}.`,
    { from: before.termDays, to: after.termDays, licenses })];
}

/** What changing `before` into `after` does to the licenses and computers under it, rule by rule. */
export function policyConsequences(before: Policy, after: Policy, facts: PolicyFacts): Consequence[] {
  return [tolerance, minComponents, lease, mode, resets, term].flatMap((rule) => rule(before, after, facts));
}
