import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicenseItem, PortalEvent, ResetBudget } from '../../shared/api/account-types.ts';
import { formatDate, formatDateTime, formatRelative } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { IconComputer } from '../../shared/ui/icons.tsx';
import { useCanChange } from '../session/session-context.tsx';
import { computerOf, driftHistory, refusalsSince, resetHistory } from './computer-licenses.ts';
import { NextSteps } from './next-steps.tsx';
import { BudgetText, ResetDialog } from './reset-dialog.tsx';
import { useComponentName } from './component-names.ts';

interface Props {
  license: LicenseItem;
  index: number;
  events: PortalEvent[];
  customerNumber: string;
  now: number;
  /** Reads the licenses again; resolves once the page shows them. */
  onChanged(): Promise<void>;
}

/** One license and the computer it is allocated to, with RESET LICENSE (seed 000 step 4). */
export function ComputerLicenseCard({ license, index, events, customerNumber, now, onChanged }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const componentName = useComponentName();
  const canChange = useCanChange();
  const [resetting, setResetting] = useState(false);
  const [justReset, setJustReset] = useState<{ host: string; budget: ResetBudget | null } | null>(null);
  const computer = computerOf(license);
  const activation = computer?.activation ?? null;
  const drifts = computer ? driftHistory(events, computer.assignmentId) : [];
  const refusals = computer && activation ? refusalsSince(events, computer.assignmentId, activation.lastCheckInAt) : [];
  const resets = resetHistory(events, license.id);
  const names = (list: string[]) => list.map(componentName).join(', ');
  const headingId = `license-${license.id}`;
  const budgetId = `budget-${license.id}`;
  const noResets = license.resetBudget.remaining === 0;

  return (
    <article className="card license-card" aria-labelledby={headingId}>
      <header className="license-head">
        <span className="license-icon"><IconComputer /></span>
        <div>
          <h2 id={headingId}>{t('licenses.licenseN', { n: index + 1 })} <span className="muted">· {license.plan.name[language] ?? license.plan.name.en}</span></h2>
          <p className="muted small">{t('licenses.key', { prefix: license.keyPrefix })} · {t(`licenseStatus.${license.status}`)}</p>
        </div>
        {refusals.length ? <span className="badge badge-danger">{t('licenses.needsReset')}</span> : (
          <span className={`badge ${activation ? 'badge-ok' : 'badge-neutral'}`}>{activation ? t('licenses.inUse') : t('licenses.unused')}</span>
        )}
      </header>

      {justReset ? <NextSteps host={justReset.host} customerNumber={customerNumber} /> : null}

      {computer && activation ? (
        <>
          <dl className="details details-grid">
            <div><dt>{t('licenses.computer')}</dt><dd className="strong">{activation.hostName}</dd></div>
            <div><dt>{t('licenses.platform')}</dt><dd>{activation.platform}</dd></div>
            <div><dt>{t('licenses.appVersion')}</dt><dd>{activation.appVersion}</dd></div>
            <div><dt>{t('licenses.activated')}</dt><dd>{formatDate(activation.activatedAt, language)}</dd></div>
            <div><dt>{t('licenses.lastCheckIn')}</dt><dd>{formatRelative(activation.lastCheckInAt, now, language)}<br /><span className="muted small">{formatDateTime(activation.lastCheckInAt, language)}</span></dd></div>
            <div><dt>{t('licenses.leaseEnds')}</dt><dd>{formatDate(activation.leaseExpiresAt, language)}</dd></div>
          </dl>
          {refusals.length ? (
            <Alert tone="error" title={t('licenses.refusedTitle', { host: activation.hostName })}>
              <p>{t('licenses.refused', { date: formatDateTime(refusals[0].at, language), components: names(refusals[0].mismatched) })}</p>
            </Alert>
          ) : null}
          <details className="history">
            <summary>{t('licenses.driftHistory', { count: drifts.length })}</summary>
            {drifts.length ? (
              <ul>
                {drifts.map((d) => (
                  <li key={d.at}><time dateTime={d.at}>{formatDate(d.at, language)}</time>: {t('licenses.driftChanged', { components: names(d.changed) })}
                    {d.added.length ? ` ${t('licenses.driftAdded', { components: names(d.added) })}` : ''}</li>
                ))}
              </ul>
            ) : <p className="muted">{t('licenses.noDrift')}</p>}
            <p className="muted small">{t('licenses.driftExplain')}</p>
          </details>
          <div className="license-actions">
            <Button variant="danger" onClick={() => setResetting(true)} disabled={!canChange.allowed || noResets}
              aria-describedby={budgetId}>{t('licenses.resetLicense')}</Button>
            <p className="muted small" id={budgetId}>
              <BudgetText budget={license.resetBudget} />
              {!canChange.allowed ? <><br />{canChange.reason}</> : null}
            </p>
          </div>
        </>
      ) : (
        <div className="unused">
          <p><strong>{t('licenses.unusedTitle')}</strong> {t('licenses.unusedHow')}</p>
          <p className="muted small"><BudgetText budget={license.resetBudget} /></p>
        </div>
      )}

      <details className="history">
        <summary>{t('licenses.resetHistory', { count: resets.length })}</summary>
        {resets.length ? (
          <table className="table compact responsive">
            <thead><tr><th scope="col">{t('licenses.when')}</th><th scope="col">{t('licenses.computer')}</th><th scope="col">{t('licenses.reason')}</th><th scope="col">{t('licenses.by')}</th></tr></thead>
            <tbody>
              {resets.map((r) => (
                <tr key={r.at}><td data-label={t('licenses.when')}>{formatDateTime(r.at, language)}</td><td data-label={t('licenses.computer')}>{r.hostName ?? '—'}</td><td data-label={t('licenses.reason')}>{r.reason ?? '—'}</td><td data-label={t('licenses.by')}>{t(`actors.${actorKey(r.actorType)}`)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : <p className="muted">{t('licenses.noResets')}</p>}
      </details>

      {resetting && computer ? (
        <ResetDialog license={license} computer={computer} onClose={() => setResetting(false)}
          onReset={async (budget) => {
            setResetting(false);
            // The confirmation shows with the licenses that confirm it (budget, history), not before them.
            await onChanged().catch(() => undefined);
            setJustReset({ host: activation?.hostName ?? computer.resource.name, budget });
          }} />
      ) : null}
    </article>
  );
}

export function actorKey(type: string): 'portal_user' | 'customer' | 'machine' | 'admin' | 'integration' | 'system' | 'other' {
  if (type === 'portal_user' || type === 'user') return 'portal_user';
  if (type === 'customer' || type === 'license_key') return 'customer';
  if (type === 'machine') return 'machine';
  if (type === 'admin_key' || type === 'admin' || type === 'staff' || type === 'cli') return 'admin';
  if (type === 'integration') return 'integration';
  if (type === 'system') return 'system';
  return 'other';
}
