import { DomainError, type LocalizedText, type Plan, type PlanSlot, type Policy } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { findFeature, getPolicy } from './catalog.repository.ts';

/** How a change to the catalogue is applied: shared by the change itself and by its impact preview, so both see the same result. */

export interface NamePatch {
  en?: string;
  /** null removes the French name. */
  fr?: string | null;
}

export type PolicyPatch = Partial<Omit<Policy, 'id' | 'productId'>>;

export interface PlanPatch {
  name?: NamePatch;
  policyId?: string;
  priceCents?: number;
  currency?: string;
  period?: 'month' | 'year';
  /** Replaces every slot of the plan: feature id or code, and how many seats one license gives. */
  slots?: { feature: string; quantity: number }[];
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields whose values differ, as `{ field: { from, to } }`: what a `*.updated` event records. */
export function diff<T extends object>(before: T, after: T): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

export function mergeName(name: LocalizedText, patch: NamePatch | undefined): LocalizedText {
  if (!patch) return name;
  const fr = patch.fr === undefined ? name.fr : patch.fr ?? undefined;
  return { en: patch.en ?? name.en, ...(fr ? { fr } : {}) };
}

/** Settings that would lock out a correct app are refused, whether the policy is new or changed. */
export function checkPolicySettings(p: Omit<Policy, 'id' | 'productId'>): void {
  const errors: { field: string; message: string }[] = [];
  if (p.leaseSeconds < p.checkInIntervalSeconds) {
    errors.push({ field: 'body.leaseSeconds', message: 'must be at least checkInIntervalSeconds, or the app loses its lease before it is due to check in' });
  }
  if (p.minComponents > 0 && p.fingerprintTolerance >= p.minComponents) {
    errors.push({ field: 'body.fingerprintTolerance', message: 'must be less than minComponents, or a computer sharing no component would count as the same one' });
  }
  if (errors.length) {
    throw new DomainError('VALIDATION_FAILED', `The policy settings do not fit together: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
  }
}

/** The policy as the patch would leave it, checked. */
export function applyPolicyPatch(policy: Policy, patch: PolicyPatch): Policy {
  const after = { ...policy, ...patch, id: policy.id, productId: policy.productId };
  checkPolicySettings(after);
  return after;
}

/** The slots of a patch as feature ids of the plan's product, in the order the features were given. */
export async function resolveSlots(db: Db, productId: string, slots: { feature: string; quantity: number }[]): Promise<PlanSlot[]> {
  const resolved: PlanSlot[] = [];
  for (const slot of slots) {
    const feature = await findFeature(db, productId, slot.feature);
    if (!feature) throw new DomainError('NOT_FOUND', `This plan's product has no feature "${slot.feature}". List them with GET /v1/admin/features?product=…`);
    if (resolved.some((s) => s.featureId === feature.id)) {
      throw new DomainError('VALIDATION_FAILED', `Feature "${slot.feature}" is given twice: give each feature once, with its quantity.`, { errors: [{ field: 'body.slots', message: 'each feature once' }] });
    }
    resolved.push({ featureId: feature.id, quantity: slot.quantity });
  }
  return resolved;
}

/** The plan as the patch would leave it; the new policy must be one of the plan's product. */
export async function applyPlanPatch(db: Db, plan: Plan, patch: PlanPatch): Promise<Plan> {
  if (patch.policyId !== undefined) {
    const policy = await getPolicy(db, patch.policyId);
    if (!policy || policy.productId !== plan.productId) throw new DomainError('NOT_FOUND', 'No such policy for this plan\'s product.');
  }
  return {
    ...plan,
    name: mergeName(plan.name, patch.name),
    policyId: patch.policyId ?? plan.policyId,
    priceCents: patch.priceCents ?? plan.priceCents,
    currency: patch.currency?.toUpperCase() ?? plan.currency,
    period: patch.period ?? plan.period,
    slots: patch.slots ? await resolveSlots(db, plan.productId, patch.slots) : plan.slots,
  };
}

/** What a plan change records and compares: the fields a patch can change. */
export function planFields(plan: Plan) {
  return { name: plan.name, policyId: plan.policyId, priceCents: plan.priceCents, currency: plan.currency, period: plan.period, slots: sortedSlots(plan.slots) };
}

function sortedSlots(slots: PlanSlot[]): PlanSlot[] {
  return [...slots].sort((a, b) => a.featureId.localeCompare(b.featureId));
}
