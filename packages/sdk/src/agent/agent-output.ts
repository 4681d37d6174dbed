import type { ActivationOutcome, ResetOutcome } from '../client.ts';
import type { FingerprintReport } from '../fingerprint-report.ts';
import { formatDuration, type LicenseStatus } from '../status.ts';

/** JSON for scripts: times (`…At`) as ISO strings, durations (`…Ms`) as milliseconds. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (key, v) => (typeof v === 'number' && key.endsWith('At') ? new Date(v).toISOString() : v), 2)}\n`;
}

const iso = (at: number) => new Date(at).toISOString();

export function formatStatus(status: LicenseStatus, now: number): string {
  const lines = [`Status: ${status.status}${status.usable ? '' : ' (the app may not run)'}`, status.detail];
  if ('lease' in status) {
    const { lease } = status;
    lines.push(`  activation   ${lease.activationId}${lease.airGapped ? ' (air-gapped)' : ''}`);
    lines.push(`  license      ${lease.licenseId} (${lease.mode.replace('_', '-')})`);
    lines.push(`  check-in     ${iso(lease.checkInDueAt)}`);
    lines.push(`  lease ends   ${iso(lease.expiresAt)}${lease.expiresAt > now ? ` (in ${formatDuration(lease.expiresAt - now)})` : ''}`);
  }
  if (status.status === 'drifted') lines.push(`  changed      ${[...status.changed, ...status.added.map((a) => `${a} (new)`)].join(', ')}`);
  if (status.status === 'fingerprint_mismatch') lines.push(`  changed      ${status.changed.join(', ')} (${status.tolerance} allowed)`);
  if (status.status === 'licensed' && status.drift) lines.push(`  re-baselined ${status.drift.changed.join(', ') || status.drift.added.join(', ')}`);
  if (status.status === 'offline' && status.lastError) lines.push(`  last error   ${status.lastError}`);
  return `${lines.join('\n')}\n`;
}

export function formatBudget(budget: ResetOutcome['budget']): string {
  const refill = budget.nextRefillAt ? `; the next comes back on ${budget.nextRefillAt}` : '';
  return `${budget.remaining} of ${budget.limit} resets left in ${budget.windowDays} days${refill}`;
}

export function formatNoFreeSeat(outcome: Extract<ActivationOutcome, { code: 'NO_FREE_SEAT' }>): string {
  const lines = [outcome.detail, '', 'Computers holding the licenses:'];
  outcome.holders.forEach((h, i) => lines.push(`  ${i + 1}. ${h.hostName}  (${h.platform}, last check-in ${h.lastCheckInAt})  id ${h.activationId}`));
  for (const { budget } of outcome.resetBudgets.slice(0, 1)) lines.push('', `Resets: ${formatBudget(budget)}.`);
  return `${lines.join('\n')}\n`;
}

export function formatFingerprint(report: FingerprintReport): string {
  const width = Math.max(...report.components.map((c) => c.name.length));
  const lines = report.components.map((c) => {
    const value = report.values?.[c.name as keyof typeof report.values];
    const shown = !c.present ? '(not found on this computer)' : value !== undefined ? value : c.hash ? `${c.hash.slice(0, 16)}…` : '(found; salt not known yet)';
    return `  ${c.name.padEnd(width)}  ${c.change ? `${c.change.padEnd(7)}  ` : ''}${shown}`;
  });
  const summary = report.sameComputer === null
    ? 'No lease to compare with.'
    : `${report.changed.length} changed since the lease (${report.tolerance} allowed): ${report.sameComputer ? 'still the same computer' : 'another computer, as far as the license is concerned'}.`;
  const few = report.present.length < 3 ? `\nOnly ${report.present.length} components found: too few to recognise this computer (virtual machines and containers hide most); activation will be refused (TOO_FEW_COMPONENTS).` : '';
  return `${report.present.length} of ${report.components.length} components found.\n${lines.join('\n')}\n${summary}${few}\n`;
}
