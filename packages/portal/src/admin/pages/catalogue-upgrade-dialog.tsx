import { useState } from 'react';
import { formatMoney, formatMoneyChange } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { SelectField } from '../../shared/ui/field.tsx';
import type { CataloguePlan } from '../api/catalogue-api.ts';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';
import { localName } from './catalogue-format.ts';

const perMonth = (plan: CataloguePlan) => (plan.period === 'year' ? plan.priceCents / 12 : plan.priceCents);

/**
 * The plans customers may upgrade licenses of `plan` to: each can be removed, and another added.
 * Neither changes a license until a customer upgrades; licenses already upgraded keep their plan.
 */
export function UpgradeDialog({ plan, plans, onClose, onSaved }: { plan: CataloguePlan; plans: CataloguePlan[]; onClose(): void; onSaved(plan: CataloguePlan): void }) {
  const t = useT();
  const language = useLanguage();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const current = plan.upgradesTo.map((id) => plans.find((p) => p.id === id)).filter((p): p is CataloguePlan => p !== undefined);
  const targets = plans.filter((p) => p.id !== plan.id && !plan.upgradesTo.includes(p.id));
  const [to, setTo] = useState(targets[0]?.id ?? '');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const target = targets.find((p) => p.id === to);
  const priced = (p: CataloguePlan) => `${localName(p.name, language)} (${formatMoney(p.priceCents, p.currency, language)} ${t(`catalogue.periods.per_${p.period}`)})`;
  const run = async (what: string, change: () => Promise<CataloguePlan>) => {
    setBusy(what);
    setError(null);
    try {
      onSaved(await change());
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Dialog open title={t('catalogue.upgrade.title', { name: localName(plan.name, language) })} onClose={onClose}
      footer={(
        <>
          {target ? <Button variant="primary" busy={busy === 'add'} onClick={() => void run('add', () => api.catalogue.addUpgrade(plan.id, to))}>{t('catalogue.upgrade.save')}</Button> : null}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      )}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {current.length === 0 ? <p>{t('catalogue.upgrade.noneYet', { name: localName(plan.name, language) })}</p> : (
        <>
          <p>{t('catalogue.upgrade.current', { name: localName(plan.name, language) })}</p>
          <ul className="upgrade-paths">
            {current.map((p) => (
              <li key={p.id}>
                <span>{priced(p)}</span>
                <Button variant="quiet" className="btn-small" busy={busy === p.id} onClick={() => void run(p.id, () => api.catalogue.removeUpgrade(plan.id, p.id))}
                  aria-label={t('catalogue.upgrade.removeLabel', { to: localName(p.name, language) })}>{t('catalogue.upgrade.remove')}</Button>
              </li>
            ))}
          </ul>
          <p className="muted small">{t('catalogue.upgrade.removeEffect')}</p>
        </>
      )}
      <h3>{t('catalogue.upgrade.add')}</h3>
      {targets.length === 0 ? <p className="empty">{t('catalogue.upgrade.none')}</p> : (
        <>
          <SelectField label={t('catalogue.upgrade.to')} value={to} onChange={(e) => setTo(e.target.value)}>
            {targets.map((p) => <option key={p.id} value={p.id}>{priced(p)}</option>)}
          </SelectField>
          {target ? (
            <p>{t('catalogue.upgrade.effect', {
              from: localName(plan.name, language), to: localName(target.name, language),
              delta: formatMoneyChange(Math.round(perMonth(target) - perMonth(plan)), target.currency, language),
            })}</p>
          ) : null}
        </>
      )}
    </Dialog>
  );
}
