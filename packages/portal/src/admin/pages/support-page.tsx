import { useState } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import type { SupportRequest } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useCanChange, useStaffSession } from '../session/staff-session.tsx';

function RequestCard({ request, onClosed, onError }: { request: SupportRequest; onClosed(): void; onError(e: unknown): void }) {
  const t = useT();
  const language = useLanguage();
  const { api } = useStaffSession();
  const canChange = useCanChange();
  const [busy, setBusy] = useState(false);
  const close = async () => {
    setBusy(true);
    try {
      await api.closeSupportRequest(request.id);
      onClosed();
    } catch (caught) {
      onError(caught);
    } finally {
      setBusy(false);
    }
  };
  const title = request.subject ?? t(`support.kinds.${request.kind}`);
  return (
    <li className="card" aria-label={title}>
      <div className="license-head">
        <div>
          <h2>{title}</h2>
          <p className="muted small">{t('support.received', { date: formatDateTime(request.createdAt, language) })} · {t(`support.kinds.${request.kind}`)}</p>
        </div>
        <span className={`badge ${request.status === 'open' ? 'badge-warning' : 'badge-neutral'}`}>{t(`status.${request.status}`)}</span>
      </div>
      <p className="request-from">
        <span className="muted">{t('support.from')}:</span> {[request.name, request.email].filter(Boolean).join(' · ')}
        {request.businessName ? <><br /><span className="muted">{t('support.business')}:</span> {request.businessName}</> : null}
        {request.address ? <><br /><span className="muted">{t('support.address')}:</span> {request.address}</> : null}
      </p>
      {request.message ? <p className="support-message">{request.message}</p> : null}
      <div className="form-actions">
        {request.customerId ? <Link to={`/customers/${request.customerId}`}>{t('support.openCustomer')}</Link> : null}
        {request.status === 'open' && canChange ? <Button variant="primary" busy={busy} onClick={() => void close()}>{t('support.close')}</Button> : null}
        {request.closedAt ? <span className="muted small">{t('support.closedOn', { date: formatDateTime(request.closedAt, language) })}</span> : null}
      </div>
    </li>
  );
}

/** Requests from the portal: lost registration details nobody matched, and questions. */
export function SupportQueuePage() {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const [error, setError] = useState<unknown>(null);
  const requests = useLoad(() => api.supportRequests(status), [status]);
  return (
    <AdminLayout title={t('support.title')} actions={(
      <div className="segmented" role="group">
        {(['open', 'closed'] as const).map((s) => <Button key={s} variant={s === status ? 'primary' : 'secondary'} aria-pressed={s === status} onClick={() => setStatus(s)}>{t(`support.${s}`)}</Button>)}
      </div>
    )}>
      {error ? <Alert tone="error">{problemText(error)}</Alert> : null}
      {requests.error ? <Alert tone="error">{problemText(requests.error)}</Alert> : null}
      {!requests.data ? <Loading /> : requests.data.items.length === 0 ? <p className="empty card">{t('support.empty')}</p> : (
        <ul className="card-list">
          {requests.data.items.map((r) => <RequestCard key={r.id} request={r} onClosed={() => void requests.reload()} onError={setError} />)}
        </ul>
      )}
    </AdminLayout>
  );
}
