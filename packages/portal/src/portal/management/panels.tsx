import { useTranslation } from 'react-i18next';
import type { Bill, Pool } from '../../shared/api/account-types.ts';
import { useMoney, useName } from './display.tsx';

/** "License totals": per feature, the licenses held, assigned and left to allocate. Updated after every change. */
export function TotalsPanel({ pools, bill }: { pools: Pool[]; bill: Bill | null }) {
  const { t } = useTranslation();
  const name = useName();
  const money = useMoney();
  return (
    <section className="card totals" aria-labelledby="totals-title">
      <h2 id="totals-title">{t('management.totalsTitle')}</h2>
      <table className="table totals-table">
        <thead>
          <tr><th scope="col">{t('management.feature')}</th><th scope="col" className="num">{t('management.licensed')}</th><th scope="col" className="num">{t('management.assigned')}</th><th scope="col" className="num">{t('management.unassigned')}</th></tr>
        </thead>
        <tbody>
          {pools.map((pool) => (
            <tr key={pool.feature.code} data-feature={pool.feature.code}>
              <th scope="row">{name(pool.feature.name)}</th>
              <td className="num" data-label={t('management.licensed')}>{pool.capacity}</td>
              <td className="num" data-label={t('management.assigned')}>{pool.assigned}</td>
              <td className="num" data-label={t('management.unassigned')}>{Math.max(0, pool.capacity - pool.assigned)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {bill ? <p className="total-line">{t('money.monthlyTotal')}: <strong data-testid="monthly-total">{money(bill.totals.month, bill.currency)}</strong></p> : null}
    </section>
  );
}

/** What the customer pays now: one line per plan, and the totals per period. */
export function BillPanel({ bill }: { bill: Bill }) {
  const { t } = useTranslation();
  const name = useName();
  const money = useMoney();
  return (
    <section className="card" aria-labelledby="bill-title">
      <h2 id="bill-title">{t('billing.title')}</h2>
      {bill.lines.length === 0 ? <p className="muted">{t('billing.nothing')}</p> : (
        <table className="table responsive bill-table">
          <thead>
            <tr><th scope="col">{t('billing.plan')}</th><th scope="col" className="num">{t('billing.quantity')}</th><th scope="col" className="num">{t('billing.unit')}</th><th scope="col" className="num">{t('billing.amount')}</th></tr>
          </thead>
          <tbody>
            {bill.lines.map((line) => (
              <tr key={`${line.planId} ${line.period} ${line.unitCents}`}>
                <th scope="row">{name(line.planName)}</th>
                <td className="num" data-label={t('billing.quantity')}>{line.quantity}</td>
                <td className="num" data-label={t('billing.unit')}>{money(line.unitCents, bill.currency, line.period)}</td>
                <td className="num" data-label={t('billing.amount')}>{money(line.amountCents, bill.currency, line.period)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><th scope="row" colSpan={3}>{t('money.monthlyTotal')}</th><td className="num"><strong>{money(bill.totals.month, bill.currency)}</strong></td></tr>
            {bill.totals.year ? <tr><th scope="row" colSpan={3}>{t('money.yearlyTotal')}</th><td className="num"><strong>{money(bill.totals.year, bill.currency)}</strong></td></tr> : null}
          </tfoot>
        </table>
      )}
      <p className="muted small">{t('billing.note')}</p>
    </section>
  );
}
