import { useState } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { SelectField } from '../../shared/ui/field.tsx';
import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';
import { Pager, useCursorPages } from './cursor-pager.tsx';

const STATUSES: DeliveryStatus[] = ['pending', 'sending', 'delivered', 'failed', 'cancelled'];
export const DELIVERY_CLASS: Record<DeliveryStatus, string> = {
  pending: 'badge-warning', sending: 'badge-neutral', delivered: 'badge-ok', failed: 'badge-danger', cancelled: 'badge-neutral',
};

function LastAnswer({ delivery }: { delivery: WebhookDelivery }) {
  const t = useT();
  if (delivery.lastStatusCode === null && !delivery.lastError) return <span className="muted">{t('webhooks.noAnswer')}</span>;
  return (
    <>
      {delivery.lastStatusCode !== null ? <span className="strong">{t('webhooks.httpStatus', { code: delivery.lastStatusCode })}</span> : null}
      {delivery.lastError ? <p className="small muted delivery-error">{delivery.lastError}</p> : null}
    </>
  );
}

/** One endpoint's deliveries, newest first: status, attempts, last answer, next attempt, and Retry. */
export function Deliveries({ endpoint, version, canRetry }: { endpoint: WebhookEndpoint; version: number; canRetry: boolean }) {
  const t = useT();
  const language = useLanguage();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const pages = useCursorPages(`${endpoint.id}:${status}`);
  const deliveries = useLoad(() => api.webhookDeliveries(endpoint.id, status || undefined, pages.cursor), [endpoint.id, status, pages.cursor, version]);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const retry = async (delivery: WebhookDelivery) => {
    setBusy(delivery.id);
    setError(null);
    setNotice(null);
    try {
      const after = await api.retryDelivery(endpoint.id, delivery.id);
      setNotice(t('webhooks.retried', { status: t(`webhooks.deliveryStatus.${after.status}`) }));
      await deliveries.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <div className="table-head">
        <h2 id="deliveries-title">{t('webhooks.deliveriesTitle', { url: endpoint.url })}</h2>
        <Button variant="quiet" onClick={() => void deliveries.reload()}>{t('webhooks.refresh')}</Button>
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error || deliveries.error ? <Alert tone="error">{problemText(error ?? deliveries.error)}</Alert> : null}
      <div className="inline-form filter-row">
        <SelectField label={t('webhooks.status')} value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}>
          <option value="">{t('webhooks.allStatuses')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`webhooks.deliveryStatus.${s}`)}</option>)}
        </SelectField>
      </div>
      {!deliveries.data ? <Loading /> : deliveries.data.items.length === 0 ? <p className="empty">{t('webhooks.noDeliveries')}</p> : (
        <table className="table compact responsive ops-table">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.created')}</th><th scope="col">{t('webhooks.event')}</th><th scope="col">{t('webhooks.status')}</th>
              <th scope="col" className="num">{t('webhooks.attempts')}</th><th scope="col">{t('webhooks.lastAnswer')}</th><th scope="col">{t('webhooks.nextAttempt')}</th>
              <th scope="col" className="actions"><span className="visually-hidden">{t('webhooks.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.items.map((d) => (
              <tr key={d.id}>
                <td data-label={t('webhooks.created')}>{formatDateTime(d.createdAt, language)}</td>
                <th scope="row"><code>{d.eventType}</code></th>
                <td data-label={t('webhooks.status')}><span className={`badge ${DELIVERY_CLASS[d.status]}`}>{t(`webhooks.deliveryStatus.${d.status}`)}</span></td>
                <td className="num" data-label={t('webhooks.attempts')}>{d.attempts}</td>
                <td data-label={t('webhooks.lastAnswer')}><span><LastAnswer delivery={d} /></span></td>
                <td data-label={t('webhooks.nextAttempt')}>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt, language) : <span className="muted">—</span>}</td>
                <td className="actions">
                  {canRetry && endpoint.enabled && (d.status === 'failed' || d.status === 'cancelled' || d.status === 'pending') ? (
                    <Button busy={busy === d.id} onClick={() => void retry(d)} aria-label={`${t('webhooks.retry')}: ${d.eventType}, ${formatDateTime(d.createdAt, language)}`}>{t('webhooks.retry')}</Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} nextCursor={deliveries.data?.nextCursor} />
    </section>
  );
}
