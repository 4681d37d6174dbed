import type { LicenseChange, PricedPlan } from '@leasehold/core';
import type { LicenseEventRow } from './billing.repository.ts';

type Catalogue = ReadonlyMap<string, PricedPlan>;

/**
 * A license's billing history from its events. The plan and price are the ones the event recorded
 * when the license took the plan; events from before events recorded them fall back to today's
 * catalogue price of the plan code.
 */
export function licenseChanges(events: LicenseEventRow[], catalogue: Catalogue): LicenseChange[] {
  const changes: LicenseChange[] = [];
  for (const event of events) {
    const { licenseId, data } = event;
    if (event.type === 'license.issued') {
      const startsAt = typeof data.startsAt === 'string' ? Date.parse(data.startsAt) : event.createdAt;
      changes.push({ licenseId, at: startsAt, kind: 'started', plan: pricedPlan(String(data.plan), data, catalogue) });
      // A term that runs out ends the license without an event of its own.
      if (typeof data.expiresAt === 'string') changes.push({ licenseId, at: Date.parse(data.expiresAt), kind: 'ended' });
    } else if (event.type === 'license.plan_changed') {
      changes.push({ licenseId, at: event.createdAt, kind: 'plan_changed', plan: pricedPlan(String(data.to), data, catalogue) });
    } else {
      changes.push({ licenseId, at: event.createdAt, kind: 'ended' });
    }
  }
  return changes;
}

function pricedPlan(code: string, data: Record<string, unknown>, catalogue: Catalogue): PricedPlan {
  const today = catalogue.get(code);
  return {
    code,
    name: typeof data.planName === 'string' ? data.planName : today?.name ?? code,
    priceCents: typeof data.priceCents === 'number' ? data.priceCents : today?.priceCents ?? 0,
    currency: typeof data.currency === 'string' ? data.currency : today?.currency ?? 'CAD',
    period: data.period === 'year' || data.period === 'month' ? data.period : today?.period ?? 'month',
  };
}
