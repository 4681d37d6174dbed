import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicenseItem, ResetBudget, SeatRow } from '../../shared/api/account-types.ts';
import { formatDate } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextArea } from '../../shared/ui/field.tsx';
import { useApi } from '../session/session-context.tsx';

/** What the budget line says: resets left, of how many, in what window, and when the next one comes back. */
export function BudgetText({ budget }: { budget: ResetBudget }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      {t('licenses.budget', { remaining: budget.remaining, limit: budget.limit, days: budget.windowDays })}
      {budget.nextRefillAt ? ` ${t('licenses.budgetRefill', { date: formatDate(budget.nextRefillAt, language) })}` : ''}
    </>
  );
}

/** RESET LICENSE, confirmed: the budget left and when it refills, and the reason. */
export function ResetDialog({ license, computer, onClose, onReset }: { license: LicenseItem; computer: SeatRow; onClose(): void; onReset(budget: ResetBudget | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const problemText = useProblemText();
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const budget = license.resetBudget;
  const reasonError = shown && reason.trim().length < 3 ? t('licenses.reasonTooShort') : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (reason.trim().length < 3) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.unassign(computer.assignmentId, reason.trim());
      onReset(result.reset?.budget ?? null);
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };
  const host = computer.activation?.hostName ?? computer.resource.name;
  return (
    <Dialog open title={t('licenses.resetTitle', { host })} onClose={onClose}
      footer={(
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="danger" type="submit" form="reset-form" busy={busy} disabled={budget.remaining === 0}>{t('licenses.resetConfirm')}</Button>
        </>
      )}>
      <form id="reset-form" onSubmit={submit} noValidate>
        <p>{t('licenses.resetExplain', { host })}</p>
        <Alert tone={budget.remaining === 0 ? 'error' : budget.remaining === 1 ? 'warning' : 'info'} title={t('licenses.resetBudgetTitle')}>
          <p><BudgetText budget={budget} /></p>
          {budget.remaining > 0 ? <p>{t('licenses.resetUses', { count: budget.remaining - 1, after: budget.remaining - 1 })}</p> : <p>{t('licenses.resetNoneLeft')}</p>}
        </Alert>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextArea label={t('licenses.reason')} hint={t('licenses.reasonHint')} rows={3} maxLength={500} value={reason}
          onChange={(e) => setReason(e.target.value)} error={reasonError} required />
      </form>
    </Dialog>
  );
}
