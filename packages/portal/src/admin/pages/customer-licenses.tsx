import { useState } from 'react';
import { formatDate } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { Button } from '../../shared/ui/button.tsx';
import type { CustomerDetail, License, PlanOption } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';
import { useMayChange, useMoney, useName } from './customer-format.ts';

export type LicenseAction = 'change-plan' | 'cancel';

const ROUTES = {
  issue: 'POST /v1/admin/customers/:id/licenses',
  changePlan: 'POST /v1/admin/licenses/:id/change-plan',
  suspend: 'POST /v1/admin/licenses/:id/suspend',
  resume: 'POST /v1/admin/licenses/:id/resume',
  cancel: 'POST /v1/admin/licenses/:id/cancel',
} as const;

/** The customer's licenses with their plan, price and status, the actions on each, and the seat totals. */
export function Licenses({ customer, plans, onIssue, onAction, onChanged, onError }: {
  customer: CustomerDetail;
  plans: PlanOption[] | null;
  onIssue(): void;
  onAction(license: License, action: LicenseAction): void;
  onChanged(): void;
  onError(error: unknown): void;
}) {
  const t = useT();
  const language = useLanguage();
  const name = useName();
  const money = useMoney();
  const { api } = useStaffSession();
  const may = useMayChange();
  const [busy, setBusy] = useState<string | null>(null);
  const change = async (license: License, action: 'suspend' | 'resume') => {
    setBusy(license.id);
    try {
      await api.setLicenseStatus(license.id, action, t(`customer.${action}Reason`));
      onChanged();
    } catch (caught) {
      onError(caught);
    } finally {
      setBusy(null);
    }
  };
  const planOf = (license: License) => plans?.find((p) => p.code === license.plan.code) ?? null;
  const hasOtherPlan = (plan: PlanOption | null) => Boolean(plan && plans?.some((p) => p.productId === plan.productId && p.id !== plan.id));
  return (
    <section className="card" aria-labelledby="licenses-title">
      <div className="card-head">
        <h2 id="licenses-title">{t('customer.licenses')}</h2>
        {may(ROUTES.issue) ? <Button onClick={onIssue} disabled={!plans}>{t('licenses.issue')}</Button> : null}
      </div>
      {customer.licenses.length === 0 ? <p className="empty">{t('licenses.none')}</p> : (
        <div className="table-scroll"><table className="table">
          <thead><tr>
            <th scope="col">{t('customer.plan')}</th><th scope="col">{t('customer.key')}</th><th scope="col">{t('customer.since')}</th>
            <th scope="col" className="num">{t('licenses.price')}</th><th scope="col">{t('find.status')}</th><th scope="col" className="actions">{t('customer.actions')}</th>
          </tr></thead>
          <tbody>
            {customer.licenses.map((license) => {
              const plan = planOf(license);
              const planName = plan ? name(plan.name) : license.plan.name;
              const label = (action: string) => `${action} ${planName} ${license.keyPrefix}`;
              const toggle = license.status === 'active' ? 'suspend' : 'resume';
              const open = license.status !== 'cancelled';
              return (
                <tr key={license.id}>
                  <th scope="row">{planName}</th>
                  <td className="nowrap"><code>{license.keyPrefix}…</code></td>
                  <td className="nowrap">{formatDate(license.startsAt, language)}</td>
                  <td className="num nowrap">{money(license.price.priceCents, license.price.currency, license.price.period)}</td>
                  <td><span className={`badge ${license.status === 'active' ? 'badge-ok' : license.status === 'suspended' ? 'badge-warning' : 'badge-danger'}`}>{t(`status.${license.status}`)}</span></td>
                  <td className="actions">
                    <div className="customer-row-actions">
                      {open && hasOtherPlan(plan) && may(ROUTES.changePlan) ? (
                        <Button onClick={() => onAction(license, 'change-plan')} aria-label={label(t('licenses.changePlan'))}>{t('licenses.changePlan')}</Button>
                      ) : null}
                      {open && may(ROUTES[toggle]) ? (
                        <Button busy={busy === license.id} onClick={() => void change(license, toggle)} aria-label={label(t(`customer.${toggle}`))}>{t(`customer.${toggle}`)}</Button>
                      ) : null}
                      {open && may(ROUTES.cancel) ? (
                        <Button variant="danger" onClick={() => onAction(license, 'cancel')} aria-label={label(t('licenses.cancel'))}>{t('licenses.cancel')}</Button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table></div>
      )}
      <h3>{t('customer.pools')}</h3>
      <div className="table-scroll"><table className="table">
        <thead><tr><th scope="col">{t('customer.feature')}</th><th scope="col" className="num">{t('customer.capacity')}</th><th scope="col" className="num">{t('customer.assigned')}</th><th scope="col" className="num">{t('customer.free')}</th></tr></thead>
        <tbody>
          {customer.pools.map((pool) => (
            <tr key={pool.featureId}><th scope="row">{name(pool.names)}</th><td className="num">{pool.capacity}</td><td className="num">{pool.assigned}</td><td className="num">{pool.unassigned}</td></tr>
          ))}
        </tbody>
      </table></div>
    </section>
  );
}
