import { useTranslation } from 'react-i18next';
import { useLoad } from '../../shared/api/use-load.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { AppLayout } from '../layout/layouts.tsx';
import { BillPanel } from '../management/panels.tsx';
import { useApi } from '../session/session-context.tsx';

/** What the customer pays now, per plan and per period. */
export function BillingPage() {
  const { t } = useTranslation();
  const api = useApi();
  const problemText = useProblemText();
  const bill = useLoad(() => api.bill());
  return (
    <AppLayout title={t('nav.billing')}>
      <p className="lead">{t('billing.intro')}</p>
      {bill.error ? <Alert tone="error">{problemText(bill.error)}</Alert> : null}
      {bill.data ? <BillPanel bill={bill.data} /> : bill.loading ? <Loading /> : null}
    </AppLayout>
  );
}
