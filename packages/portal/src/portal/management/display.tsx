import { useTranslation } from 'react-i18next';
import type { Health, Names, PriceChange } from '../../shared/api/account-types.ts';
import { formatMoney, formatMoneyChange } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { IconCheck, IconError, IconWarning } from '../../shared/ui/icons.tsx';
import { warningOf } from './seat-logic.ts';

/** A name in the reader's language, English when the catalogue has no translation. */
export function useName(): (names: Names) => string {
  const language = useLanguage();
  return (names) => names[language] ?? names.en;
}

/** Money per billing period: "$79.00/month". */
export function useMoney(): (cents: number, currency: string, period?: 'month' | 'year') => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (cents, currency, period) => {
    const amount = formatMoney(cents, currency, language);
    return period ? t(period === 'month' ? 'money.perMonth' : 'money.perYear', { amount }) : amount;
  };
}

/** The health of a provider or schedule: an icon with words, never colour alone. */
export function HealthBadge({ health }: { health: Health }) {
  const { t } = useTranslation();
  const warning = warningOf(health);
  const Icon = warning === 'red' ? IconError : warning === 'yellow' ? IconWarning : IconCheck;
  return (
    <span className={`health health-${warning ?? 'ok'}`}>
      <Icon /> <span>{t(`health.${health}`)}</span>
    </span>
  );
}

/** The cost change of an operation, before it is confirmed: the monthly total before and after. */
export function PriceChangeView({ change }: { change: PriceChange }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (cents: number) => formatMoney(cents, change.currency, language);
  const rows = (['month', 'year'] as const).filter((p) => change.before[p] !== 0 || change.after[p] !== 0);
  return (
    <dl className="price-change">
      {rows.map((period) => (
        <div key={period}>
          <dt>{t(period === 'month' ? 'money.monthlyTotal' : 'money.yearlyTotal')}</dt>
          <dd>
            <span className="before">{money(change.before[period])}</span> → <strong>{money(change.after[period])}</strong>{' '}
            <span className={change.delta[period] > 0 ? 'delta-up' : 'delta-down'}>({formatMoneyChange(change.delta[period], change.currency, language)})</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
