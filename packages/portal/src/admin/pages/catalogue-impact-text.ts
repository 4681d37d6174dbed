import { formatDate, formatMoney, type Language } from '../../shared/format/format.ts';
import type { Consequence, ImpactItem } from '../api/catalogue-api.ts';
import { formatDuration, localName } from './catalogue-format.ts';
import type { CatalogueContext } from './catalogue-forms.ts';

type Translate = (key: string, vars?: Record<string, unknown>) => string;

export interface Wording {
  t: Translate;
  exists(key: string): boolean;
  language: Language;
  ctx: CatalogueContext;
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** What the console says about a consequence: a sentence from its code and values, and sometimes a second one. Unknown codes keep the server's English. */
export function consequenceText(c: Consequence, w: Wording): { title: string; detail: string | null } {
  const { t, language } = w;
  const v = c.values;
  const duration = (key: string) => formatDuration(num(v[key]), language);
  const feature = () => {
    const f = w.ctx.features.find((x) => x.code === v.feature);
    return f ? localName(f.name, language) : String(v.feature ?? '');
  };
  const budget = (limit: string, window: string) => t('catalogue.impact.budget', { limit: v[limit], window: duration(window) });
  const vars: Record<string, Record<string, unknown>> = {
    RENAMED: { count: v.customers },
    TOLERANCE_LOWERED: { count: v.computers, from: v.from, to: v.to, days: v.days },
    TOLERANCE_RAISED: { from: v.from, to: v.to },
    MIN_COMPONENTS_RAISED: { count: v.computers, from: v.from, to: v.to },
    MIN_COMPONENTS_LOWERED: { to: v.to },
    LEASE_SHORTENED: { count: v.computers, from: duration('from'), to: duration('to'), latest: v.latestExpiry ? formatDate(String(v.latestExpiry), language) : '' },
    LEASE_LENGTHENED: { count: v.computers, from: duration('from'), to: duration('to'), latest: v.latestExpiry ? formatDate(String(v.latestExpiry), language) : '' },
    CHECK_IN_INTERVAL_CHANGED: { count: v.computers, from: duration('from'), to: duration('to') },
    MODE_CHANGED: { context: v.to, heartbeat: duration('heartbeat'), computers: v.computers },
    HEARTBEAT_CHANGED: { from: duration('from'), to: duration('to'), computers: v.computers },
    RESETS_TURNED_OFF: { count: v.licenses },
    RESETS_TURNED_ON: { count: v.licenses, budget: budget('toLimit', 'toWindow') },
    RESET_BUDGET_LOWERED: { count: v.exhausted, from: budget('fromLimit', 'fromWindow'), to: budget('toLimit', 'toWindow'), limit: v.toLimit, window: duration('toWindow') },
    RESET_BUDGET_RAISED: { count: v.licenses, from: budget('fromLimit', 'fromWindow'), to: budget('toLimit', 'toWindow') },
    TERM_CHANGED: { count: v.licenses, end: v.to === null ? t('catalogue.impact.noEnd') : t('catalogue.impact.endsAfter', { count: v.to }) },
    POLICY_SWITCHED: { count: v.licenses, from: v.from, to: v.to },
    CURRENCY_CHANGED: { count: v.licenses, from: v.from, to: v.to },
    CURRENCY_MIXED: { count: v.customers, from: v.from, to: v.to },
    SLOTS_ADDED: { count: v.seats, customers: v.customers, feature: feature(), from: v.from, to: v.to },
    SLOTS_REMOVED: { count: v.seats, customers: v.customers, feature: feature(), from: v.from, to: v.to },
    SLOTS_OVER_CAPACITY: { count: v.over, feature: feature(), from: v.from, to: v.to },
  };
  if (c.code === 'PRICE_CHANGED') {
    const currency = String(v.currency);
    const perLicense = num(v.perLicenseMonthlyCents);
    const price = (cents: string, period: string) => `${formatMoney(num(v[cents]), currency, language)} ${t(`catalogue.periods.per_${String(v[period])}`)}`;
    return {
      title: t('catalogue.consequences.PRICE_CHANGED', {
        context: perLicense > 0 ? 'up' : perLicense < 0 ? 'down' : 'same', delta: formatMoney(Math.abs(perLicense), currency, language),
        from: price('fromCents', 'fromPeriod'), to: price('toCents', 'toPeriod'),
      }),
      detail: t('catalogue.consequences.PRICE_DETAIL', { count: v.licenses, customers: v.customers }),
    };
  }
  const key = `catalogue.consequences.${c.code}`;
  const known = w.exists(key) || w.exists(`${key}_one`) || w.exists(`${key}_${String(vars[c.code]?.context)}`);
  return { title: known ? t(key, vars[c.code] ?? {}) : c.message, detail: null };
}

/** What an item's row says beside its customer and computer or license. */
export function itemDetail(c: Consequence, item: ImpactItem, w: Wording): string {
  const { t, language } = w;
  switch (c.code) {
    case 'TOLERANCE_LOWERED':
      return t('catalogue.impact.drifted', { components: (item.components ?? []).join(', '), date: item.at ? formatDate(item.at, language) : '' });
    case 'MIN_COMPONENTS_RAISED':
      return t('catalogue.impact.componentsOnRecord', { count: item.count, limit: item.limit });
    case 'RESET_BUDGET_LOWERED':
      return t('catalogue.impact.resetsUsed', { count: item.count, limit: item.limit });
    case 'PRICE_CHANGED':
      return t('catalogue.impact.priceKept', { count: item.count });
    case 'SLOTS_OVER_CAPACITY':
      return t('catalogue.impact.assignedOver', { count: item.count, limit: item.limit });
    default:
      return '';
  }
}
