import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicenseItem, OfferedPlan, Pool, SeatRow } from '../../shared/api/account-types.ts';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDate } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Help, Loading } from '../../shared/ui/feedback.tsx';
import { IconError, IconPlus, IconWarning } from '../../shared/ui/icons.tsx';
import { AppLayout } from '../layout/layouts.tsx';
import { isComputerLicense } from '../licenses/computer-licenses.ts';
import { ActivationTable } from '../management/activation-table.tsx';
import { AllocateDialog } from '../management/allocate-dialog.tsx';
import { AddLicenseDialog, UpgradeDialog } from '../management/change-dialogs.tsx';
import { useMoney, useName } from '../management/display.tsx';
import { BillPanel, TotalsPanel } from '../management/panels.tsx';
import { RemoveLicenseDialog, RemoveRowDialog } from '../management/remove-dialogs.tsx';
import { seatTables, warningOf } from '../management/seat-logic.ts';
import { useApi, useCanChange } from '../session/session-context.tsx';

type Open =
  | { kind: 'add' }
  | { kind: 'upgrade'; license: LicenseItem }
  | { kind: 'remove'; license: LicenseItem; preselected: string[] }
  | { kind: 'removeRow'; row: SeatRow; pool: Pool }
  | { kind: 'allocate'; pool: Pool }
  | null;

/** Plans to offer when the server has no plan list: those the customer already holds. */
function plansFromLicenses(licenses: LicenseItem[]): OfferedPlan[] {
  const byCode = new Map<string, OfferedPlan>();
  for (const l of licenses) byCode.set(l.plan.code, { ...l.plan, slots: [], upgradesTo: [] });
  return [...byCode.values()];
}

/** "License management" (seed 002): totals, one activation table per feature, add, upgrade, remove, allocate, warnings, cost. */
export function ManagementPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const canChange = useCanChange();
  const name = useName();
  const money = useMoney();
  const problemText = useProblemText();
  const [open, setOpen] = useState<Open>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const loaded = useLoad(async () => {
    const [pools, licenses, bill, plans] = await Promise.all([api.pools(), api.licenses(), api.bill(), api.plans().catch(() => null)]);
    return { pools: pools.items, licenses: licenses.items, bill, plans: plans?.items ?? null };
  });
  const data = loaded.data;
  /** Closes the dialog; the confirmation shows with the tables that confirm it, not before them. */
  const done = async (message: string) => {
    setOpen(null);
    setFlash(null);
    await loaded.reload();
    setFlash(message);
  };

  const tables = data ? seatTables(data.pools, data.plans) : [];
  const seatLicenses = data ? data.licenses.filter((l) => l.status !== 'cancelled' && !isComputerLicense(l, data.plans)) : [];
  const offered = data ? (data.plans ?? plansFromLicenses(seatLicenses)).filter((p) => !p.slots.length || p.slots.every((s) => s.feature.seatKind !== 'machine')) : [];
  const upgradable = seatLicenses.filter((l) => l.status === 'active' && l.upgradesTo.length > 0);
  const flagged = tables.flatMap((pool) => pool.rows.filter((row) => warningOf(row.resource.health)));
  const reds = flagged.filter((row) => warningOf(row.resource.health) === 'red').length;

  return (
    <AppLayout title={t('management.title')}
      actions={<Button variant="primary" icon={<IconPlus />} onClick={() => setOpen({ kind: 'add' })} disabled={!canChange.allowed || !data}
        title={canChange.reason ?? undefined}>{t('management.add')}</Button>}>
      <div className="intro-row">
        <p className="lead">{t('management.intro')}</p>
        <Help summary={t('management.helpSummary')}>
          <p>{t('management.help1')}</p>
          <p>{t('management.help2')}</p>
          <p>{t('management.help3')}</p>
        </Help>
      </div>
      {flash ? <Alert tone="success">{flash}</Alert> : null}
      {loaded.error ? <Alert tone="error">{problemText(loaded.error)}</Alert> : null}
      {!data && loaded.loading ? <Loading /> : null}
      {data ? (
        <>
          {flagged.length ? (
            <Alert tone={reds ? 'error' : 'warning'} title={t('management.attentionTitle', { count: flagged.length })}>
              <p>{t('management.attention')}</p>
            </Alert>
          ) : null}
          <div className="management-grid">
            <div className="management-side">
              <TotalsPanel pools={tables} bill={data.bill} />
              <section className="card legend" aria-labelledby="legend-title">
                <h2 id="legend-title">{t('management.legendTitle')}</h2>
                <p className="health health-red"><IconError /> <span>{t('management.legendRed')}</span></p>
                <p className="health health-yellow"><IconWarning /> <span>{t('management.legendYellow')}</span></p>
              </section>
            </div>
            <div className="management-tables">
              {tables.map((pool) => (
                <ActivationTable key={pool.feature.code} pool={pool} canChange={canChange.allowed}
                  onRemove={(row) => setOpen({ kind: 'removeRow', row, pool })} onAllocate={(p) => setOpen({ kind: 'allocate', pool: p })} />
              ))}
              {tables.length === 0 ? <p className="empty">{t('management.noTables')}</p> : null}
            </div>
          </div>

          <section className="card" aria-labelledby="licenses-title">
            <h2 id="licenses-title">{t('management.licensesTitle')}</h2>
            <table className="table responsive">
              <thead>
                <tr><th scope="col">{t('management.license')}</th><th scope="col">{t('management.key')}</th><th scope="col" className="num">{t('management.price')}</th><th scope="col">{t('management.since')}</th><th scope="col"><span className="visually-hidden">{t('management.actions')}</span></th></tr>
              </thead>
              <tbody>
                {seatLicenses.map((license) => (
                  <tr key={license.id} data-license={license.keyPrefix}>
                    <th scope="row">{name(license.plan.name)}</th>
                    <td data-label={t('management.key')}><code>{license.keyPrefix}</code></td>
                    <td className="num" data-label={t('management.price')}>{money(license.plan.priceCents, license.plan.currency, license.plan.period)}</td>
                    <td data-label={t('management.since')}>{formatDate(license.startsAt, language)}</td>
                    <td className="actions">
                      {license.upgradesTo.length && license.status === 'active' ? (
                        <Button variant="quiet" disabled={!canChange.allowed} onClick={() => setOpen({ kind: 'upgrade', license })}>{t('management.upgrade')}</Button>
                      ) : null}
                      <Button variant="quiet" disabled={!canChange.allowed} onClick={() => setOpen({ kind: 'remove', license, preselected: [] })}
                        aria-label={t('management.removeLicenseLabel', { plan: name(license.plan.name), key: license.keyPrefix })}>{t('management.removeLicense')}</Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {!canChange.allowed ? <p className="muted small">{canChange.reason}</p> : null}
          </section>

          <BillPanel bill={data.bill} />

          {open?.kind === 'add' ? (
            <AddLicenseDialog plans={offered} upgradable={upgradable} onClose={() => setOpen(null)} onDone={done}
              onUpgrade={(license) => setOpen({ kind: 'upgrade', license })} />
          ) : null}
          {open?.kind === 'upgrade' ? (
            <UpgradeDialog license={open.license} target={data.plans?.find((p) => p.code === open.license.upgradesTo[0]) ?? null} onClose={() => setOpen(null)} onDone={done} />
          ) : null}
          {open?.kind === 'remove' ? <RemoveLicenseDialog license={open.license} preselected={open.preselected} onClose={() => setOpen(null)} onDone={done} /> : null}
          {open?.kind === 'removeRow' ? (
            <RemoveRowDialog row={open.row} tableName={name(open.pool.feature.name)} onClose={() => setOpen(null)} onUnassigned={done}
              onRemoveLicense={(row) => {
                const license = seatLicenses.find((l) => l.id === row.licenseId);
                if (license) setOpen({ kind: 'remove', license, preselected: [row.assignmentId] });
              }} />
          ) : null}
          {open?.kind === 'allocate' ? <AllocateDialog pool={open.pool} onClose={() => setOpen(null)} onDone={() => done(t('management.allocated'))} /> : null}
        </>
      ) : null}
    </AppLayout>
  );
}
