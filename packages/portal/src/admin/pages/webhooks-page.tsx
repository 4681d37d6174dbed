import { useState } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { IconPlus } from '../../shared/ui/icons.tsx';
import type { WebhookEndpoint } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';
import { breakable } from './breakable.tsx';
import { Deliveries } from './webhook-deliveries.tsx';
import { CreateEndpointDialog } from './webhook-dialogs.tsx';

/** Webhook endpoints: what each receives, a test delivery, disabling, and each one's deliveries. Changes are an owner's. */
export function WebhooksPage() {
  const t = useT();
  const { api, session } = useStaffSession();
  const problemText = useProblemText();
  const isOwner = session?.staff.role === 'owner';
  const endpoints = useLoad(() => api.webhooks());
  const eventTypes = useLoad(() => api.eventTypes());
  const [creating, setCreating] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [deliveriesVersion, setDeliveriesVersion] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = endpoints.data?.items ?? [];
  const selected = items.find((e) => e.id === selectedId) ?? null;

  const act = async (key: string, action: () => Promise<string>) => {
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  const sendTest = (endpoint: WebhookEndpoint) => act(`test:${endpoint.id}`, async () => {
    const delivery = await api.testWebhook(endpoint.id);
    setSelectedId(endpoint.id);
    setDeliveriesVersion((v) => v + 1);
    return delivery.status === 'delivered'
      ? t('webhooks.testDelivered', { url: endpoint.url, code: delivery.lastStatusCode ?? '' })
      : t('webhooks.testFailed', { error: delivery.lastError ?? '' });
  });
  const setEnabled = (endpoint: WebhookEndpoint, enabled: boolean) => act(`toggle:${endpoint.id}`, async () => {
    await (enabled ? api.enableWebhook(endpoint.id) : api.disableWebhook(endpoint.id));
    await endpoints.reload();
    setDeliveriesVersion((v) => v + 1);
    return t(enabled ? 'webhooks.enabledNotice' : 'webhooks.disabledNotice', { url: endpoint.url });
  });

  return (
    <AdminLayout title={t('webhooks.title')}
      actions={isOwner ? <Button variant="primary" icon={<IconPlus />} onClick={() => { setNotice(null); setCreating(true); }}>{t('webhooks.create')}</Button> : undefined}>
      <p className="lead">{t('webhooks.intro')}</p>
      {!isOwner ? <p className="muted small">{t('webhooks.ownerOnly')}</p> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error || endpoints.error ? <Alert tone="error">{problemText(error ?? endpoints.error)}</Alert> : null}
      <section className="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">{t('webhooks.endpoints')}</h2>
        {!endpoints.data ? <Loading /> : items.length === 0 ? <p className="empty">{t('webhooks.none')}</p> : (
          <table className="table responsive ops-table">
            <thead>
              <tr>
                <th scope="col">{t('webhooks.url')}</th><th scope="col">{t('webhooks.events')}</th><th scope="col">{t('webhooks.status')}</th>
                <th scope="col" className="actions">{t('webhooks.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((endpoint) => (
                <tr key={endpoint.id} className={endpoint.id === selectedId ? 'row-selected' : undefined}>
                  <th scope="row" className="endpoint-url">
                    <code>{breakable(endpoint.url)}</code>
                    {endpoint.description ? <span className="small muted endpoint-description">{endpoint.description}</span> : null}
                  </th>
                  <td data-label={t('webhooks.events')}><ul className="chip-list">{endpoint.eventTypes.map((type) => <li key={type}><code>{type}</code></li>)}</ul></td>
                  <td data-label={t('webhooks.status')}><span className={`badge ${endpoint.enabled ? 'badge-ok' : 'badge-neutral'}`}>{t(endpoint.enabled ? 'webhooks.enabled' : 'webhooks.disabled')}</span></td>
                  <td className="actions">
                    <div className="row-actions">
                      <Button variant="quiet" aria-pressed={endpoint.id === selectedId} aria-label={`${t('webhooks.showDeliveries')}: ${endpoint.url}`}
                        onClick={() => setSelectedId(endpoint.id === selectedId ? null : endpoint.id)}>{t('webhooks.showDeliveries')}</Button>
                      {isOwner && endpoint.enabled ? (
                        <Button busy={busy === `test:${endpoint.id}`} aria-label={`${t('webhooks.sendTest')}: ${endpoint.url}`} onClick={() => void sendTest(endpoint)}>{t('webhooks.sendTest')}</Button>
                      ) : null}
                      {isOwner ? (
                        <Button variant={endpoint.enabled ? 'danger' : 'secondary'} busy={busy === `toggle:${endpoint.id}`}
                          aria-label={`${t(endpoint.enabled ? 'webhooks.disable' : 'webhooks.enable')}: ${endpoint.url}`}
                          onClick={() => void setEnabled(endpoint, !endpoint.enabled)}>{t(endpoint.enabled ? 'webhooks.disable' : 'webhooks.enable')}</Button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected ? <Deliveries key={selected.id} endpoint={selected} version={deliveriesVersion} canRetry={isOwner} /> : null}
      <CreateEndpointDialog open={creating} types={eventTypes.data?.items ?? []} onClose={() => setCreating(false)}
        onCreated={(endpoint) => { setSelectedId(endpoint.id); void endpoints.reload(); }} />
    </AdminLayout>
  );
}
