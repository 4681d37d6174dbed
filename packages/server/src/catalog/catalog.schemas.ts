import { z } from 'zod';
import { PageQuery } from '../http/schemas.ts';

const code = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and "-", at most 64');
const name = z.string().trim().min(1).max(200);
const seconds = (min: number) => z.number().int().min(min).max(10 * 365 * 86400);
const nonEmpty = (value: object) => Object.keys(value).length > 0;
const nothingToChange = 'send at least one field to change';

export const LocalizedName = z.object({ en: name, fr: name.optional() });
const LocalizedNamePatch = z.strictObject({ en: name.optional(), fr: name.nullable().optional().describe('null removes the French name') }).refine(nonEmpty, nothingToChange);

export const CatalogListQuery = PageQuery.extend({ product: z.string().max(64).optional().describe('Product id or code') });

export const ProductSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  fingerprintSalt: z.string().describe('Built into the app: the SDK mixes it into every fingerprint component hash.'),
});
export const CreateProductBody = z.object({ code, name });
export const UpdateProductBody = z.strictObject({ name });

const LocalizedNameOut = z.object({ en: z.string(), fr: z.string().optional() });
export const FeatureSchema = z.object({ id: z.string(), productId: z.string(), code: z.string(), name: LocalizedNameOut, seatKind: z.string() });
export const CreateFeatureBody = z.object({
  product: z.string().min(1).max(64).describe('Product id or code'),
  code,
  name: LocalizedName,
  seatKind: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a lower-case word such as machine, provider or schedule').describe('`machine` for computers that activate themselves, or the kind of resource the integration reports.'),
});
export const UpdateFeatureBody = z.strictObject({ name: LocalizedNamePatch });

const PolicySettings = z.object({
  name,
  mode: z.enum(['node_locked', 'floating']),
  checkInIntervalSeconds: seconds(60),
  leaseSeconds: seconds(60).describe('Offline grace: how long a lease lets the app run without reaching the server.'),
  fingerprintTolerance: z.number().int().min(0).max(32),
  minComponents: z.number().int().min(0).max(32),
  resetLimit: z.number().int().min(0).max(1000).describe('Self-service resets per window; 0 turns them off.'),
  resetWindowSeconds: seconds(60),
  heartbeatSeconds: seconds(30),
  termDays: z.number().int().positive().max(36500).nullable().describe('null: licenses do not end by themselves. Changing it does not move the end of licenses already issued.'),
});
export const PolicySchema = z.object({
  id: z.string(),
  productId: z.string(),
  name: z.string(),
  mode: z.enum(['node_locked', 'floating']),
  checkInIntervalSeconds: z.number(),
  leaseSeconds: z.number(),
  fingerprintTolerance: z.number(),
  minComponents: z.number(),
  resetLimit: z.number(),
  resetWindowSeconds: z.number(),
  heartbeatSeconds: z.number(),
  termDays: z.number().nullable(),
});
export const CreatePolicyBody = PolicySettings.extend({ product: z.string().min(1).max(64).describe('Product id or code') });
export const UpdatePolicyBody = PolicySettings.partial().strict().refine(nonEmpty, nothingToChange);

const priceCents = z.number().int().min(0).max(100_000_000);
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as CAD');
const period = z.enum(['month', 'year']);
const slot = z.object({ feature: z.string().min(1).max(64).describe('Feature id or code'), quantity: z.number().int().min(1).max(1000) });

export const PlanSchema = z.object({
  id: z.string(),
  productId: z.string(),
  code: z.string(),
  name: LocalizedNameOut,
  policyId: z.string(),
  priceCents: z.number(),
  currency: z.string(),
  period,
  slots: z.array(z.object({ featureId: z.string(), quantity: z.number() })),
  upgradesTo: z.array(z.string()).describe('Ids of the plans a customer may upgrade this plan to.'),
});
export const CreatePlanBody = z.object({
  product: z.string().min(1).max(64).describe('Product id or code'),
  code,
  name: LocalizedName,
  policyId: z.string().min(1).max(64),
  priceCents,
  currency,
  period,
  slots: z.array(slot).min(1).max(50),
  upgradesTo: z.array(z.string().min(1).max(64)).max(50).optional().describe('Plan ids or codes of the same product'),
});
export const UpdatePlanBody = z.strictObject({
  name: LocalizedNamePatch.optional(),
  policyId: z.string().min(1).max(64).optional(),
  priceCents: priceCents.optional(),
  currency: currency.optional(),
  period: period.optional(),
  slots: z.array(slot).min(1).max(50).optional().describe('Replaces every slot; applies to every license of the plan at once. Refused (SLOTS_IN_USE) when a customer would have more seats assigned than licensed.'),
}).refine(nonEmpty, nothingToChange);
export const AddUpgradeBody = z.object({ to: z.string().min(1).max(64).describe('Plan id or code of the same product') });
export const UpgradePathParams = z.object({ id: z.string().min(1).max(64), to: z.string().min(1).max(64).describe('Plan id or code of the same product') });
