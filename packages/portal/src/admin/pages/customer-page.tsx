import { useState } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDate, formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import type { Activation, AuditEvent, CustomerDetail, License } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useCanChange, useStaffSession } from '../session/staff-session.tsx';
import { ReissueDialog, ResetDialog } from './customer-dialogs.tsx';
import { useMayChange } from './customer-format.ts';
import { Licenses, type LicenseAction } from './customer-licenses.tsx';
import { PortalUsers } from './customer-users.tsx';
import { CancelLicenseDialog, IssueLicenseDialog } from './license-dialogs.tsx';
import { OfflineAnswerDialog } from './offline-dialog.tsx';
import { ChangePlanDialog } from './plan-change-dialog.tsx';

type Dialog =
  | null
  | { kind: 'issue' | 'reissue' | 'offline' }
  | { kind: LicenseAction; license: License }
  | { kind: 'reset'; activation: Activation };

const HEALTH_CLASS = { ok: 'badge-ok', not_synchronised: 'badge-warning', unreachable: 'badge-danger', missing: 'badge-neutral' } as const;

function Computers({ activations, onReset, onOffline }: { activations: Activation[]; onReset(activation: Activation): void; onOffline(): void }) {
  const t = useT();
  const language = useLanguage();
  const canChange = useCanChange();
  const may = useMayChange();
  return (
    <section className="card" aria-labelledby="computers-title">
      <div className="card-head">
        <h2 id="computers-title">{t('customer.computers')}</h2>
        {may('POST /v1/admin/customers/:id/offline-activations') ? <Button onClick={onOffline}>{t('offline.open')}</Button> : null}
      </div>
      {activations.length === 0 ? <p className="empty">{t('customer.noComputers')}</p> : (
        <div className="table-scroll"><table className="table">
          <thead><tr><th scope="col">{t('customer.host')}</th><th scope="col">{t('customer.lastCheckIn')}</th><th scope="col">{t('customer.leaseEnds')}</th><th scope="col">{t('customer.drift')}</th><th scope="col" className="actions">{t('customer.actions')}</th></tr></thead>
          <tbody>
            {activations.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.hostName}<br /><span className="small muted">{a.platform} · {a.appVersion}</span></th>
                <td>{formatDateTime(a.lastCheckInAt, language)}</td>
                <td>{a.releasedAt ? t('customer.released', { date: formatDate(a.releasedAt, language), reason: a.releaseReason ?? '' }) : formatDateTime(a.leaseExpiresAt, language)}</td>
                <td>{a.drift.length === 0 ? <span className="muted">{t('customer.noDrift')}</span> : (
                  <ul className="plain-list">
                    {a.drift.map((d) => <li key={d.at}>{t('customer.driftLine', { date: formatDate(d.at, language), components: [...d.changed, ...d.added].join(', ') })}</li>)}
                  </ul>
                )}</td>
                <td className="actions">
                  {a.releasedAt || !canChange ? null : <Button variant="danger" onClick={() => onReset(a)} aria-label={`${t('customer.reset')} ${a.hostName}`}>{t('customer.reset')}</Button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

function Resources({ customer }: { customer: CustomerDetail }) {
  const t = useT();
  const language = useLanguage();
  const reported = customer.resources.filter((r) => r.kind !== 'machine');
  return (
    <section className="card" aria-labelledby="resources-title">
      <h2 id="resources-title">{t('customer.resources')}</h2>
      {reported.length === 0 ? <p className="empty">{t('customer.noResources')}</p> : (
        <div className="table-scroll"><table className="table">
          <thead><tr><th scope="col">{t('find.name')}</th><th scope="col">{t('customer.kind')}</th><th scope="col">{t('customer.feature')}</th><th scope="col">{t('customer.health')}</th><th scope="col">{t('customer.lastReport')}</th></tr></thead>
          <tbody>
            {reported.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.kind}</td>
                <td>{r.seats.map((s) => s.feature).join(', ')}</td>
                <td><span className={`badge ${HEALTH_CLASS[r.health]}`}>{t(`health.${r.health}`)}</span></td>
                <td>{r.lastReportedAt ? formatDateTime(r.lastReportedAt, language) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

/** The part of an event's data worth a glance in the history: why, or what changed into what. */
function eventDetail(e: AuditEvent): string | null {
  const { reason, from, to } = e.data;
  if (typeof reason === 'string') return reason;
  if (typeof from === 'string' && typeof to === 'string') return `${from} → ${to}`;
  return null;
}

function History({ customerId, version }: { customerId: string; version: number }) {
  const t = useT();
  const language = useLanguage();
  const { api } = useStaffSession();
  const events = useLoad(() => api.events(customerId), [customerId, version]);
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('customer.events')}</h2>
      {!events.data ? <Loading /> : events.data.items.length === 0 ? <p className="empty">{t('customer.noEvents')}</p> : (
        <div className="table-scroll"><table className="table">
          <thead><tr><th scope="col">{t('customer.when')}</th><th scope="col">{t('customer.what')}</th><th scope="col">{t('customer.who')}</th></tr></thead>
          <tbody>
            {events.data.items.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.createdAt, language)}</td>
                <td><code>{e.type}</code>{eventDetail(e) ? <span className="muted"> — {eventDetail(e)}</span> : null}</td>
                <td><span className="small muted">{t(`audit.actorTypes.${e.actor.type}`)}</span>{e.actor.name ? <><br />{e.actor.name}</> : null}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

/** Everything about one customer, and the support and sales actions on it. */
export function CustomerPage({ id }: { id: string }) {
  const t = useT();
  const { api } = useStaffSession();
  const may = useMayChange();
  const problemText = useProblemText();
  const customer = useLoad(() => api.customer(id), [id]);
  const activations = useLoad(() => api.activations(id), [id]);
  const plans = useLoad(() => api.catalogue.plans(), []);
  const features = useLoad(() => api.catalogue.features(), []);
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** Reads the customer again; settles once its licenses and computers show the change. */
  const reload = async () => {
    setVersion((v) => v + 1);
    await Promise.all([customer.reload(), activations.reload()]);
  };
  const open = (next: Dialog) => {
    setNotice(null);
    setError(null);
    setDialog(next);
  };
  /** Closes the dialog; the confirmation shows with the licenses that confirm it, not before them. */
  const done = async (message: string | null) => {
    setDialog(null);
    setNotice(null);
    await reload();
    setNotice(message);
  };
  const c = customer.data;
  if (!c) {
    return <AdminLayout title={t('find.title')}>{customer.error ? <Alert tone="error">{problemText(customer.error)}</Alert> : <Loading />}</AdminLayout>;
  }
  const contact = [c.contactName, c.contactEmail, c.phone].filter(Boolean).join(' · ');
  const planList = plans.data?.items ?? [];
  const featureList = features.data?.items ?? [];
  const computers = activations.data?.items ?? [];
  return (
    <AdminLayout title={c.name} subtitle={<>{t('customer.number', { number: c.number })} · <span className={`badge ${c.status === 'active' ? 'badge-ok' : 'badge-danger'}`}>{t(`status.${c.status}`)}</span>{contact ? ` · ${contact}` : ''}</>}
      actions={may('POST /v1/admin/customers/:id/reissue-registration') ? <Button onClick={() => open({ kind: 'reissue' })}>{t('customer.reissue')}</Button> : undefined}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert tone="error">{problemText(error)}</Alert> : null}
      <Licenses customer={c} plans={plans.data ? planList : null} onIssue={() => open({ kind: 'issue' })}
        onAction={(license, action) => open({ kind: action, license })} onChanged={() => { setError(null); void reload(); }} onError={setError} />
      <Computers activations={computers} onReset={(a) => open({ kind: 'reset', activation: a })} onOffline={() => open({ kind: 'offline' })} />
      <Resources customer={c} />
      <PortalUsers customerId={id} version={version} />
      <History customerId={id} version={version} />
      <ResetDialog activation={dialog?.kind === 'reset' ? dialog.activation : null} onClose={() => setDialog(null)} onDone={(host) => void done(t('customer.resetDone', { host }))} />
      <ReissueDialog customerId={id} contactEmail={c.contactEmail} open={dialog?.kind === 'reissue'} onClose={() => { setDialog(null); setVersion((v) => v + 1); }} />
      {dialog?.kind === 'issue' ? (
        <IssueLicenseDialog customerId={id} plans={planList} features={featureList} onClose={() => setDialog(null)} onDone={() => void done(null)} />
      ) : null}
      {dialog?.kind === 'change-plan' ? (
        <ChangePlanDialog license={dialog.license} plans={planList} features={featureList} onClose={() => setDialog(null)}
          onDone={(plan) => void done(t('planChange.done', { plan, key: dialog.license.keyPrefix }))} />
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <CancelLicenseDialog license={dialog.license} customer={c} activations={computers} plans={planList} onClose={() => setDialog(null)}
          onDone={() => void done(t('licenses.cancelled', { key: dialog.license.keyPrefix }))} />
      ) : null}
      {dialog?.kind === 'offline' ? <OfflineAnswerDialog customerId={id} onClose={() => setDialog(null)} onDone={() => void reload()} /> : null}
    </AdminLayout>
  );
}
