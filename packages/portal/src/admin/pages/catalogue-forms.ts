import type {
  CatalogueFeature, CatalogueKind, CataloguePlan, CataloguePolicy, CatalogueProduct, Names,
} from '../api/catalogue-api.ts';
import { amountText, fromSeconds, parseAmount, parseNumber, toSeconds } from './catalogue-format.ts';

/** What a create or edit form of the catalogue holds (text as typed) and how it becomes the API's body. */
export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;
type Translate = (key: string, vars?: Record<string, unknown>) => string;

export interface CatalogueContext {
  product: CatalogueProduct;
  features: CatalogueFeature[];
  policies: CataloguePolicy[];
  plans: CataloguePlan[];
}

export interface FormSpec<E> {
  kind: CatalogueKind;
  initial(entity: E | null, ctx: CatalogueContext): FormValues;
  validate(values: FormValues, creating: boolean, t: Translate): FieldErrors;
  toCreate(values: FormValues, ctx: CatalogueContext): object;
  /** Only the fields that differ from `entity`: the PATCH and its impact preview take the same body. */
  toPatch(entity: E, values: FormValues, ctx: CatalogueContext): object;
  /** The form field a server error names (`body.name.en` → `nameEn`); null when no field shows it. */
  fieldOf(serverField: string): string | null;
  /** Translated text for a server rule on a field, when the server's message is one this form knows. */
  serverText?(field: string, message: string, t: Translate): string | null;
}

const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SEAT_KIND = /^[a-z][a-z0-9_-]{0,31}$/;

function collect(checks: [string, string | null | false][]): FieldErrors {
  return Object.fromEntries(checks.filter((c): c is [string, string] => Boolean(c[1])));
}
const required = (value: string, t: Translate) => (value.trim() ? null : t('catalogue.form.required'));
const codeRule = (value: string, t: Translate) => (CODE.test(value.trim()) ? null : t('catalogue.form.codeRule'));
function whole(value: string, min: number, max: number, t: Translate): string | null {
  const n = parseNumber(value);
  return n !== null && Number.isInteger(n) && n >= min && n <= max ? null : t('catalogue.form.whole', { min, max });
}
function positive(value: string, t: Translate): string | null {
  const n = parseNumber(value);
  return n !== null && n > 0 ? null : t('catalogue.form.positive');
}

/** The `name` of a PATCH: the languages that changed; an emptied French name is removed (null). */
function namePatch(before: Names, values: FormValues): { en?: string; fr?: string | null } | undefined {
  const patch: { en?: string; fr?: string | null } = {};
  const [en, fr] = [values.nameEn.trim(), values.nameFr.trim()];
  if (en !== before.en) patch.en = en;
  if (fr !== (before.fr ?? '')) patch.fr = fr || null;
  return Object.keys(patch).length ? patch : undefined;
}
const names = (values: FormValues): Names => ({ en: values.nameEn.trim(), ...(values.nameFr.trim() ? { fr: values.nameFr.trim() } : {}) });
const nameField = (field: string) => (field === 'body.name' || field === 'body.name.en' ? 'nameEn' : field === 'body.name.fr' ? 'nameFr' : null);
const withoutEmpty = (patch: Record<string, unknown>) => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));

export const productForm: FormSpec<CatalogueProduct> = {
  kind: 'products',
  initial: (p) => ({ code: p?.code ?? '', name: p?.name ?? '' }),
  validate: (v, creating, t) => collect([['code', creating && codeRule(v.code, t)], ['name', required(v.name, t)]]),
  toCreate: (v) => ({ code: v.code.trim(), name: v.name.trim() }),
  toPatch: (p, v) => (v.name.trim() !== p.name ? { name: v.name.trim() } : {}),
  fieldOf: (field) => ({ 'body.code': 'code', 'body.name': 'name' } as Record<string, string>)[field] ?? null,
};

export const featureForm: FormSpec<CatalogueFeature> = {
  kind: 'features',
  initial: (f) => ({ code: f?.code ?? '', nameEn: f?.name.en ?? '', nameFr: f?.name.fr ?? '', seatKind: f?.seatKind ?? 'machine' }),
  validate: (v, creating, t) => collect([
    ['code', creating && codeRule(v.code, t)],
    ['nameEn', required(v.nameEn, t)],
    ['seatKind', creating && !SEAT_KIND.test(v.seatKind.trim()) && t('catalogue.feature.seatKindRule')],
  ]),
  toCreate: (v, ctx) => ({ product: ctx.product.id, code: v.code.trim(), name: names(v), seatKind: v.seatKind.trim() }),
  toPatch: (f, v) => withoutEmpty({ name: namePatch(f.name, v) }),
  fieldOf: (field) => nameField(field) ?? ({ 'body.code': 'code', 'body.seatKind': 'seatKind' } as Record<string, string>)[field] ?? null,
};

/** Policy durations are typed in the unit people think in; the API takes seconds. */
export const POLICY_UNITS = { checkInIntervalSeconds: 3600, leaseSeconds: 86_400, heartbeatSeconds: 60, resetWindowSeconds: 86_400 } as const;
const DURATIONS = Object.keys(POLICY_UNITS) as (keyof typeof POLICY_UNITS)[];
const COUNTS = ['fingerprintTolerance', 'minComponents', 'resetLimit'] as const;
const NEW_POLICY = {
  name: '', mode: 'node_locked', checkInIntervalSeconds: 3 * 86_400, leaseSeconds: 14 * 86_400, heartbeatSeconds: 600, resetWindowSeconds: 365 * 86_400,
  fingerprintTolerance: 2, minComponents: 3, resetLimit: 3, termDays: null,
} as const;

function policySettings(v: FormValues) {
  return {
    name: v.name.trim(),
    mode: v.mode,
    ...Object.fromEntries(DURATIONS.map((key) => [key, toSeconds(v[key], POLICY_UNITS[key])])),
    ...Object.fromEntries(COUNTS.map((key) => [key, parseNumber(v[key])])),
    termDays: v.termDays.trim() ? parseNumber(v.termDays) : null,
  } as Record<string, unknown>;
}

export const policyForm: FormSpec<CataloguePolicy> = {
  kind: 'policies',
  initial: (p) => {
    const source = p ?? NEW_POLICY;
    return {
      name: source.name, mode: source.mode, termDays: source.termDays === null ? '' : String(source.termDays),
      ...Object.fromEntries(DURATIONS.map((key) => [key, fromSeconds(source[key], POLICY_UNITS[key])])),
      ...Object.fromEntries(COUNTS.map((key) => [key, String(source[key])])),
    };
  },
  validate: (v, _creating, t) => collect([
    ['name', required(v.name, t)],
    ...DURATIONS.map((key): [string, string | null] => [key, positive(v[key], t)]),
    ['fingerprintTolerance', whole(v.fingerprintTolerance, 0, 32, t)],
    ['minComponents', whole(v.minComponents, 0, 32, t)],
    ['resetLimit', whole(v.resetLimit, 0, 1000, t)],
    ['termDays', v.termDays.trim() !== '' && whole(v.termDays, 1, 36_500, t)],
  ]),
  toCreate: (v, ctx) => ({ product: ctx.product.id, ...policySettings(v) }),
  toPatch: (p, v) => Object.fromEntries(Object.entries(policySettings(v)).filter(([key, value]) => p[key as keyof CataloguePolicy] !== value)),
  fieldOf: (field) => {
    const key = field.replace(/^body\./, '');
    return key in NEW_POLICY ? key : null;
  },
  serverText: (field, message, t) => {
    if (field === 'leaseSeconds' && message.includes('checkInIntervalSeconds')) return t('catalogue.policy.leaseTooShort');
    if (field === 'fingerprintTolerance' && message.includes('minComponents')) return t('catalogue.policy.toleranceTooLoose');
    return null;
  },
};

const slotKey = (featureId: string) => `slot:${featureId}`;
const upgradeKey = (planId: string) => `upgrade:${planId}`;

function slotsOf(v: FormValues, ctx: CatalogueContext) {
  return ctx.features.map((f) => ({ feature: f.id, quantity: parseNumber(v[slotKey(f.id)] ?? '0') ?? 0 })).filter((s) => s.quantity > 0);
}

export const planForm: FormSpec<CataloguePlan> = {
  kind: 'plans',
  initial: (p, ctx) => ({
    code: p?.code ?? '', nameEn: p?.name.en ?? '', nameFr: p?.name.fr ?? '', policyId: p?.policyId ?? ctx.policies[0]?.id ?? '',
    price: p ? amountText(p.priceCents) : '', currency: p?.currency ?? 'CAD', period: p?.period ?? 'month',
    ...Object.fromEntries(ctx.features.map((f) => [slotKey(f.id), String(p?.slots.find((s) => s.featureId === f.id)?.quantity ?? 0)])),
    ...Object.fromEntries(ctx.plans.map((other) => [upgradeKey(other.id), ''])),
  }),
  validate: (v, creating, t) => {
    const slotErrors = Object.keys(v).filter((key) => key.startsWith('slot:')).map((key): [string, string | null] => [key, whole(v[key], 0, 1000, t)]);
    const anySlot = Object.keys(v).some((key) => key.startsWith('slot:') && (parseNumber(v[key]) ?? 0) > 0);
    return collect([
      ['code', creating && codeRule(v.code, t)],
      ['nameEn', required(v.nameEn, t)],
      ['policyId', required(v.policyId, t)],
      ['price', parseAmount(v.price) === null && t('catalogue.plan.priceRule')],
      ['currency', !/^[A-Za-z]{3}$/.test(v.currency.trim()) && t('catalogue.plan.currencyRule')],
      ...slotErrors,
      ['slots', !anySlot && t('catalogue.plan.slotsRule')],
    ]);
  },
  toCreate: (v, ctx) => ({
    product: ctx.product.id, code: v.code.trim(), name: names(v), policyId: v.policyId, priceCents: parseAmount(v.price), currency: v.currency.trim().toUpperCase(),
    period: v.period, slots: slotsOf(v, ctx), upgradesTo: ctx.plans.filter((p) => v[upgradeKey(p.id)] === 'true').map((p) => p.id),
  }),
  toPatch: (p, v, ctx) => {
    const slots = slotsOf(v, ctx);
    const sameSlots = slots.length === p.slots.length && slots.every((s) => p.slots.some((old) => old.featureId === s.feature && old.quantity === s.quantity));
    const price = parseAmount(v.price);
    const currency = v.currency.trim().toUpperCase();
    return withoutEmpty({
      name: namePatch(p.name, v), policyId: v.policyId !== p.policyId ? v.policyId : undefined, priceCents: price !== p.priceCents ? price : undefined,
      currency: currency !== p.currency ? currency : undefined, period: v.period !== p.period ? v.period : undefined, slots: sameSlots ? undefined : slots,
    });
  },
  fieldOf: (field) => {
    if (field.startsWith('body.slots')) return 'slots';
    if (field.startsWith('body.upgradesTo')) return 'upgrades';
    return nameField(field) ?? ({ 'body.code': 'code', 'body.policyId': 'policyId', 'body.priceCents': 'price', 'body.currency': 'currency', 'body.period': 'period' } as Record<string, string>)[field] ?? null;
  },
};

export { slotKey, upgradeKey };
