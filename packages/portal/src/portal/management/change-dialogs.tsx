import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicenseItem, OfferedPlan, PriceChange } from '../../shared/api/account-types.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { useApi } from '../session/session-context.tsx';
import { PriceChangeView, useMoney, useName } from './display.tsx';

/** "Add a license": choose a plan, see its price and the new monthly total, confirm. */
export function AddLicenseDialog({ plans, upgradable, onClose, onDone, onUpgrade }: {
  plans: OfferedPlan[];
  upgradable: LicenseItem[];
  onClose(): void;
  onDone(message: string): void;
  onUpgrade(license: LicenseItem): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useName();
  const money = useMoney();
  const problemText = useProblemText();
  const [plan, setPlan] = useState<string | null>(null);
  const [change, setChange] = useState<PriceChange | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!plan) return;
    let current = true;
    setChange(null);
    setError(null);
    api.addLicense(plan, true).then((r) => current && setChange(r.priceChange), (e: unknown) => current && setError(problemText(e)));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan]);
  const chosen = plans.find((p) => p.code === plan);
  const confirm = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await api.addLicense(chosen.code, false);
      onDone(t('management.added', { plan: name(chosen.name) }));
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };
  return (
    <Dialog open wide title={t('management.addTitle')} onClose={onClose}
      footer={(
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} disabled={!change} onClick={() => void confirm()}>{t('management.addConfirm')}</Button>
        </>
      )}>
      <fieldset className="plan-list">
        <legend>{t('management.choosePlan')}</legend>
        {plans.map((p) => (
          <label key={p.code} className={`plan-option${plan === p.code ? ' chosen' : ''}`}>
            <input type="radio" name="plan" value={p.code} checked={plan === p.code} onChange={() => setPlan(p.code)} />
            <span className="plan-name">{name(p.name)}</span>
            <span className="plan-price">{money(p.priceCents, p.currency, p.period)}</span>
            {p.slots.length ? (
              <span className="plan-includes">{t('management.includes', { features: p.slots.map((s) => name(s.feature.name)).join(', ') })}</span>
            ) : null}
          </label>
        ))}
      </fieldset>
      {upgradable.length ? (
        <p className="upgrade-hint">
          {t('management.upgradeHint')}{' '}
          <Button variant="quiet" onClick={() => onUpgrade(upgradable[0])}>{t('management.upgradeBasic')}</Button>
        </p>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {plan && !change && !error ? <Loading /> : null}
      {change && chosen ? (
        <div className="confirm-box" aria-live="polite">
          <p>{t('management.addSummary', { plan: name(chosen.name), price: money(chosen.priceCents, chosen.currency, chosen.period) })}</p>
          <PriceChangeView change={change} />
        </div>
      ) : null}
    </Dialog>
  );
}

/** Upgrade a Basic license to Plus: the price difference and the new total, then confirm. */
export function UpgradeDialog({ license, target, onClose, onDone }: { license: LicenseItem; target: OfferedPlan | null; onClose(): void; onDone(message: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useName();
  const problemText = useProblemText();
  const toPlan = target?.code ?? license.upgradesTo[0];
  const [change, setChange] = useState<PriceChange | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.upgradeLicense(license.id, toPlan, true).then((r) => setChange(r.priceChange), (e: unknown) => setError(problemText(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [license.id, toPlan]);
  const targetName = target ? name(target.name) : toPlan;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.upgradeLicense(license.id, toPlan, false);
      onDone(t('management.upgraded', { plan: targetName }));
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };
  return (
    <Dialog open title={t('management.upgradeTitle', { from: name(license.plan.name), to: targetName })} onClose={onClose}
      footer={(
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} disabled={!change} onClick={() => void confirm()}>{t('management.upgradeConfirm')}</Button>
        </>
      )}>
      <p>{t('management.upgradeIntro', { key: license.keyPrefix, to: targetName })}</p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {change ? <PriceChangeView change={change} /> : error ? null : <Loading />}
    </Dialog>
  );
}
