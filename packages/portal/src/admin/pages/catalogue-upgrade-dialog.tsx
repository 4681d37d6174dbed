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

/** Lets customers upgrade licenses of `plan` to another plan of the product. Nothing changes for licenses until a customer upgrades. */
export function UpgradeDialog({ plan, plans, onClose, onSaved }: { plan: CataloguePlan; plans: CataloguePlan[]; onClose(): void; onSaved(plan: CataloguePlan): void }) {
  const t = useT();
  const language = useLanguage();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const targets = plans.filter((p) => p.id !== plan.id && !plan.upgradesTo.includes(p.id));
  const [to, setTo] = useState(targets[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = targets.find((p) => p.id === to);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.catalogue.addUpgrade(plan.id, to));
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open title={t('catalogue.upgrade.title', { name: localName(plan.name, language) })} onClose={onClose}
      footer={(
        <>
          {target ? <Button variant="primary" busy={busy} onClick={() => void save()}>{t('catalogue.upgrade.save')}</Button> : null}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      )}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {targets.length === 0 ? <p className="empty">{t('catalogue.upgrade.none')}</p> : (
        <>
          <SelectField label={t('catalogue.upgrade.to')} value={to} onChange={(e) => setTo(e.target.value)}>
            {targets.map((p) => <option key={p.id} value={p.id}>{localName(p.name, language)} ({formatMoney(p.priceCents, p.currency, language)} {t(`catalogue.periods.per_${p.period}`)})</option>)}
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
