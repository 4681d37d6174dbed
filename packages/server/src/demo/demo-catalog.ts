import { DAY } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { createFeature, createPlan, createPolicy, createProduct } from '../catalog/catalog.service.ts';
import type { Actor } from '../events/event.repository.ts';

/** The two shapes of licensing the product answers: a desktop app per computer, and cloud features per resource. */
export const DEMO = {
  desktop: { product: 'clinic-desktop', feature: 'desktop', plan: 'desktop-standard' },
  engagement: { product: 'patient-engagement', features: { messages: 'patient-messages', reminders: 'patient-reminders', booking: 'online-booking' }, basic: 'engagement-basic', plus: 'engagement-plus' },
} as const;

/**
 * The demo catalogue: a desktop product whose policy checks in every 3 days, leases for 14, tolerates
 * 2 of 5 changed components and allows 3 resets per 365 days; and the Basic and Plus plans of the
 * patient-engagement product, priced monthly.
 */
export async function seedDemoCatalog(trx: Db, actor: Actor, now: number) {
  const desktop = await createProduct(trx, { code: DEMO.desktop.product, name: 'Clinic Desktop' }, actor, now);
  await createFeature(trx, desktop.id, { code: DEMO.desktop.feature, name: { en: 'Clinic Desktop', fr: 'Clinic Desktop' }, seatKind: 'machine' }, actor, now);
  const desktopPolicy = await createPolicy(trx, desktop.id, {
    name: 'Desktop: check in every 3 days, 14-day lease',
    mode: 'node_locked',
    checkInIntervalSeconds: 3 * DAY / 1000,
    leaseSeconds: 14 * DAY / 1000,
    fingerprintTolerance: 2,
    minComponents: 3,
    resetLimit: 3,
    resetWindowSeconds: 365 * DAY / 1000,
    heartbeatSeconds: 600,
    termDays: null,
  }, actor, now);
  const desktopPlan = await createPlan(trx, desktop.id, {
    code: DEMO.desktop.plan, name: { en: 'Clinic Desktop licence', fr: 'Licence Clinic Desktop' }, policyId: desktopPolicy.id,
    priceCents: 2900, currency: 'CAD', period: 'month', slots: [{ feature: DEMO.desktop.feature, quantity: 1 }],
  }, actor, now);

  const engagement = await createProduct(trx, { code: DEMO.engagement.product, name: 'Patient Engagement' }, actor, now);
  const f = DEMO.engagement.features;
  await createFeature(trx, engagement.id, { code: f.messages, name: { en: 'Patient Messages', fr: 'Messages aux patients' }, seatKind: 'provider' }, actor, now);
  await createFeature(trx, engagement.id, { code: f.reminders, name: { en: 'Patient Reminders', fr: 'Rappels aux patients' }, seatKind: 'schedule' }, actor, now);
  await createFeature(trx, engagement.id, { code: f.booking, name: { en: 'Online Booking', fr: 'Réservation en ligne' }, seatKind: 'schedule' }, actor, now);
  const cloudPolicy = await createPolicy(trx, engagement.id, {
    name: 'Cloud features: monthly subscription',
    mode: 'node_locked',
    checkInIntervalSeconds: DAY / 1000,
    leaseSeconds: 7 * DAY / 1000,
    fingerprintTolerance: 0,
    minComponents: 0,
    resetLimit: 0,
    resetWindowSeconds: 365 * DAY / 1000,
    heartbeatSeconds: 600,
    termDays: null,
  }, actor, now);
  const plus = await createPlan(trx, engagement.id, {
    code: DEMO.engagement.plus, name: { en: 'Patient Engagement License (Plus)', fr: "Licence d'engagement des patients (Plus)" }, policyId: cloudPolicy.id,
    priceCents: 7900, currency: 'CAD', period: 'month',
    slots: [{ feature: f.messages, quantity: 1 }, { feature: f.reminders, quantity: 1 }, { feature: f.booking, quantity: 1 }],
  }, actor, now);
  const basic = await createPlan(trx, engagement.id, {
    code: DEMO.engagement.basic, name: { en: 'Patient Engagement License (Basic)', fr: "Licence d'engagement des patients (de base)" }, policyId: cloudPolicy.id,
    priceCents: 4900, currency: 'CAD', period: 'month',
    slots: [{ feature: f.messages, quantity: 1 }, { feature: f.reminders, quantity: 1 }], upgradesTo: [plus.id],
  }, actor, now);
  return { desktop, desktopPolicy, desktopPlan, engagement, cloudPolicy, basic, plus };
}
