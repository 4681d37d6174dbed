import { useTranslation } from 'react-i18next';
import { Alert, Help } from '../../shared/ui/feedback.tsx';

/** Seed 000 step 5 / seed 001 step 5: after a reset, what to do on the computer that should be licensed. */
export function NextSteps({ host, customerNumber }: { host: string; customerNumber: string }) {
  const { t } = useTranslation();
  return (
    <Alert tone="success" title={t('licenses.nextTitle', { host })}>
      <ol className="steps">
        <li>{t('licenses.next1', { host })}</li>
        <li>{t('licenses.next2')}</li>
        <li>{t('licenses.next3', { number: customerNumber })}</li>
      </ol>
      <Help summary={t('licenses.nextHelpSummary')}><p>{t('licenses.nextHelp')}</p></Help>
    </Alert>
  );
}
