import { formatMoney, formatMoneyChange } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import type { BillingPeriod, LocalizedName } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { localName } from './catalogue-format.ts';
import { useStaffSession } from '../session/staff-session.tsx';

/** A catalogue name in the console's language, English when it has no French one. */
export function useName(): (name: LocalizedName) => string {
  const language = useLanguage();
  return (name) => localName(name, language);
}

/** "$79.00/month"; with `signed`, "+$30.00/month". */
export function useMoney(): (cents: number, currency: string, period?: BillingPeriod, signed?: boolean) => string {
  const t = useT();
  const language = useLanguage();
  return (cents, currency, period, signed = false) => {
    const amount = signed ? formatMoneyChange(cents, currency, language) : formatMoney(cents, currency, language);
    return period ? t(period === 'month' ? 'money.perMonth' : 'money.perYear', { amount }) : amount;
  };
}

/**
 * Whether the signed-in staff member may make the change (method and route pattern, as
 * staff-roles.ts names it), to hide what the server would refuse anyway.
 */
export function useMayChange(): (route: string) => boolean {
  const { session } = useStaffSession();
  return (route) => Boolean(session && (session.changes === 'all' || session.changes?.includes(route)));
}

/** Today in the browser's time zone, as a date input holds it: 2026-01-15. */
export function todayInput(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
