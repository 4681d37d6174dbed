import { useState, type FormEvent } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { LOCALE_OF, formatDate, formatMoney, type Language } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import { IconDownload } from '../../shared/ui/icons.tsx';
import { billingCsvUrl, type BillLine, type BillMoney } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A calendar day (YYYY-MM-DD) as itself, not as midnight UTC seen from the browser's time zone. */
const day = (text: string, language: Language) => {
  const [y, m, d] = text.split('-').map(Number);
  return formatDate(new Date(y, m - 1, d), language);
};

const monthName = (period: string, language: Language) => {
  const [y, m] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE_OF[language], { month: 'long', year: 'numeric' }).format(new Date(y, m - 1, 1));
};

function Totals({ totals, language }: { totals: BillMoney[]; language: Language }) {
  return <>{totals.length ? totals.map((total) => <span key={total.currency} className="total-amount">{formatMoney(total.amountCents, total.currency, language)}</span>) : '—'}</>;
}

function PeriodForm({ initial, onShow }: { initial: string; onShow(period: string): void }) {
  const t = useT();
  const [period, setPeriod] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!MONTH.test(period.trim())) return setError(t('billing.periodInvalid'));
    onShow(period.trim());
  };
  return (
    <form className="inline-form period-form" onSubmit={submit} noValidate>
      <TextField label={t('billing.period')} type="month" value={period} hint={t('billing.periodHint')} error={error} placeholder="2026-11"
        onChange={(e) => { setPeriod(e.target.value); setError(null); }} />
      <Button type="submit" variant="primary">{t('billing.show')}</Button>
    </form>
  );
}

function LineRow({ line, language }: { line: BillLine; language: Language }) {
  const t = useT();
  const price = formatMoney(line.unitCents, line.currency, language);
  return (
    <tr>
      <td data-label={t('billing.license')}><code className="small nowrap" title={line.licenseId}>…{line.licenseId.slice(-8)}</code></td>
      <td data-label={t('billing.plan')}>{line.plan.name}</td>
      <td data-label={t('billing.days')}><span>{t('billing.dayRange', { from: day(line.from, language), to: day(line.to, language) })}<br />
        <span className="small muted">{t('billing.daysOf', { days: line.days, total: line.daysInPeriod })}</span></span></td>
      <td className="num" data-label={t('billing.price')}>{t(line.plan.period === 'year' ? 'money.perYear' : 'money.perMonth', { amount: price })}</td>
      <td className="num strong" data-label={t('billing.amount')}>{formatMoney(line.amountCents, line.currency, language)}</td>
    </tr>
  );
}

/** The vendor's bill of a month, customer by customer, prorated by day; the same as CSV. */
export function BillingPage() {
  const t = useT();
  const language = useLanguage();
  const { api } = useStaffSession();
  const { location, navigate } = useRouter();
  const problemText = useProblemText();
  const asked = location.query.get('period') ?? '';
  const report = useLoad(() => api.billingReport(MONTH.test(asked) ? asked : undefined), [asked]);
  const r = report.data;
  return (
    <AdminLayout title={t('billing.title')}
      actions={r ? <a className="btn btn-secondary" href={billingCsvUrl(r.period)} download><IconDownload /> <span>{t('billing.download')}</span></a> : undefined}>
      <p className="lead">{t('billing.intro')}</p>
      <section className="card">
        {r ? <PeriodForm key={r.period} initial={r.period} onShow={(period) => navigate(`/billing?period=${period}`, { replace: true })} /> : null}
        {report.error ? <Alert tone="error">{problemText(report.error)}</Alert> : null}
        {r ? <p className="muted billing-summary">{t('billing.summary', { count: r.customers.length, from: day(r.from, language), to: day(r.to, language), timeZone: r.timeZone })}</p> : null}
      </section>
      {!r ? (report.error ? null : <Loading />) : r.customers.length === 0 ? <p className="empty card">{t('billing.none')}</p> : (
        <section className="card" aria-labelledby="report-title">
          <h2 id="report-title">{t('billing.reportTitle', { period: monthName(r.period, language) })}</h2>
          <table className="table compact responsive ops-table bill-report">
            <thead>
              <tr>
                <th scope="col">{t('billing.license')}</th><th scope="col">{t('billing.plan')}</th><th scope="col">{t('billing.days')}</th>
                <th scope="col" className="num">{t('billing.price')}</th><th scope="col" className="num">{t('billing.amount')}</th>
              </tr>
            </thead>
            {r.customers.map(({ customer, lines, totals }) => (
              <tbody key={customer.id} aria-label={customer.name}>
                <tr className="customer-row">
                  <th scope="rowgroup" colSpan={5}>
                    <Link to={`/customers/${encodeURIComponent(customer.id)}`}>{customer.name}</Link> <span className="small muted">{t('billing.customerNumber', { number: customer.number })}</span>
                  </th>
                </tr>
                {lines.map((line) => <LineRow key={`${line.licenseId}:${line.from}`} line={line} language={language} />)}
                <tr className="subtotal-row">
                  <td colSpan={4}>{t('billing.customerTotal', { name: customer.name })}</td>
                  <td className="num strong"><Totals totals={totals} language={language} /></td>
                </tr>
              </tbody>
            ))}
            <tfoot>
              <tr className="grand-total">
                <th scope="row" colSpan={4}>{t('billing.total')}</th>
                <td className="num strong"><Totals totals={r.totals} language={language} /></td>
              </tr>
            </tfoot>
          </table>
        </section>
      )}
    </AdminLayout>
  );
}
