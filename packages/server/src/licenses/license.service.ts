import { DAY, DomainError, canUpgrade, iso, type Plan } from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import { getPlan, getPolicy } from '../catalog/catalog.repository.ts';
import { getCustomer } from '../customers/customer.repository.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import type { EventType } from '../events/event-types.ts';
import { generateReadableKey, hashSecret, keyPrefix, normalizeReadableKey } from '../shared/secrets.ts';
import { getLicense, insertLicense, updateLicense, type LicenseRecord } from './license.repository.ts';

/** The plan as billed from this moment: the billing report prorates from these, not from today's catalogue. */
const planAsBilled = (plan: Plan) => ({ planId: plan.id, planName: plan.name.en, priceCents: plan.priceCents, currency: plan.currency, period: plan.period });
/** The license row's price: the plan's, from the moment the license takes the plan (see `billedPrice`). */
const priceColumns = (plan: Plan) => ({ plan_id: plan.id, price_cents: plan.priceCents, currency: plan.currency, period: plan.period });

export interface IssuedLicense {
  license: LicenseRecord;
  /** Shown once; only its hash is kept. */
  key: string;
}

/** Issues one license of a plan to a customer; its term comes from the plan's policy. */
export async function issueLicense(trx: Db, input: { customerId: string; plan: string; startsAt?: number }, actor: Actor, now: number): Promise<IssuedLicense> {
  const customer = await getCustomer(trx, input.customerId);
  if (!customer) throw new DomainError('NOT_FOUND', 'No such customer.');
  const plan = await getPlan(trx, input.plan);
  if (!plan) throw new DomainError('NOT_FOUND', `No plan "${input.plan}".`);
  const policy = (await getPolicy(trx, plan.policyId))!;
  const startsAt = input.startsAt ?? now;
  const expiresAt = policy.termDays === null ? null : startsAt + policy.termDays * DAY;
  const key = `LH-${generateReadableKey(5)}`;
  const id = newId(now);
  await insertLicense(trx, {
    id,
    customer_id: customer.id,
    ...priceColumns(plan),
    key_hash: hashSecret(normalizeReadableKey(key)),
    key_prefix: keyPrefix(key),
    status: 'active',
    starts_at: startsAt,
    expires_at: expiresAt,
    created_at: now,
    updated_at: now,
  });
  await insertEvent(trx, {
    customerId: customer.id, type: 'license.issued', actor, subjectType: 'license', subjectId: id,
    data: { plan: plan.code, ...planAsBilled(plan), startsAt: iso(startsAt), expiresAt: expiresAt === null ? null : iso(expiresAt) },
  }, now);
  return { license: (await getLicense(trx, id))!, key };
}

const TRANSITIONS: Record<'suspend' | 'resume' | 'cancel', { from: LicenseRecord['status'][]; to: LicenseRecord['status']; event: EventType }> = {
  suspend: { from: ['active'], to: 'suspended', event: 'license.suspended' },
  resume: { from: ['suspended'], to: 'active', event: 'license.resumed' },
  cancel: { from: ['active', 'suspended'], to: 'cancelled', event: 'license.cancelled' },
};

export async function changeLicenseStatus(trx: Db, licenseId: string, action: keyof typeof TRANSITIONS, actor: Actor, now: number, reason?: string): Promise<LicenseRecord> {
  const license = await getLicense(trx, licenseId);
  if (!license) throw new DomainError('NOT_FOUND', 'No such license.');
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(license.status)) {
    throw new DomainError('INVALID_STATE', `A ${license.status} license cannot be ${transition.to}; it must be ${transition.from.join(' or ')}.`);
  }
  await updateLicense(trx, licenseId, { status: transition.to, updated_at: now });
  if (transition.to === 'cancelled') {
    await trx.updateTable('assignments').set({ released_at: now, release_reason: 'license_cancelled' }).where('license_id', '=', licenseId).where('released_at', 'is', null).execute();
  }
  await insertEvent(trx, { customerId: license.customerId, type: transition.event, actor, subjectType: 'license', subjectId: licenseId, data: reason ? { reason } : {} }, now);
  return (await getLicense(trx, licenseId))!;
}

/**
 * Moves a license to another plan of the same product. `upgradeOnly` holds the customer to the
 * plan's upgrade paths; staff may change to any plan of the product.
 */
export async function changeLicensePlan(trx: Db, licenseId: string, toPlan: Plan, fromPlan: Plan, actor: Actor, now: number, upgradeOnly: boolean): Promise<LicenseRecord> {
  const license = await getLicense(trx, licenseId);
  if (!license) throw new DomainError('NOT_FOUND', 'No such license.');
  if (fromPlan.productId !== toPlan.productId) throw new DomainError('UPGRADE_NOT_ALLOWED', 'A license can only move to a plan of the same product.');
  if (upgradeOnly && !canUpgrade(fromPlan, toPlan)) {
    throw new DomainError('UPGRADE_NOT_ALLOWED', `A ${fromPlan.name.en} license cannot be upgraded to ${toPlan.name.en}.`);
  }
  await updateLicense(trx, licenseId, { ...priceColumns(toPlan), updated_at: now });
  await insertEvent(trx, { customerId: license.customerId, type: 'license.plan_changed', actor, subjectType: 'license', subjectId: licenseId, data: { from: fromPlan.code, to: toPlan.code, ...planAsBilled(toPlan) } }, now);
  return (await getLicense(trx, licenseId))!;
}
