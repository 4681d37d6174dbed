import { useState } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDate, formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import type { Activation, CustomerDetail, License } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useCanChange, useStaffSession } from '../session/staff-session.tsx';
import { ReissueDialog, ResetDialog } from './customer-dialogs.tsx';

const HEALTH_CLASS = { ok: 'badge-ok', not_synchronised: 'badge-warning', unreachable: 'badge-danger', missing: 'badge-neutral' } as const;

function Licenses({ customer, onChanged, onError }: { customer: CustomerDetail; onChanged(): void; onError(error: unknown): void }) {
  const t = useT();
  const language = useLanguage();
  const { api } = useStaffSession();
  const canChange = useCanChange();
  const [busy, setBusy] = useState<string | null>(null);
  const change = async (license: License, action: 'suspend' | 'resume') => {
    setBusy(license.id);
    try {
      await api.setLicenseStatus(license.id, action, t(`customer.${action}Reason`));
      onChanged();
    } catch (caught) {
      onError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card" aria-labelledby="licenses-title">
      <h2 id="licenses-title">{t('customer.licenses')}</h2>
      <div className="table-scroll"><table className="table">
        <thead><tr><th scope="col">{t('customer.plan')}</th><th scope="col">{t('customer.key')}</th><th scope="col">{t('customer.since')}</th><th scope="col">{t('find.status')}</th><th scope="col" className="actions">{t('customer.actions')}</th></tr></thead>
        <tbody>
          {customer.licenses.map((license) => (
            <tr key={license.id}>
              <th scope="row">{license.plan.name}</th>
              <td><code>{license.keyPrefix}…</code></td>
              <td>{formatDate(license.startsAt, language)}</td>
              <td><span className={`badge ${license.status === 'active' ? 'badge-ok' : 'badge-danger'}`}>{t(`status.${license.status}`)}</span></td>
              <td className="actions">
                {license.status === 'cancelled' || !canChange ? null : (
                  <Button busy={busy === license.id} onClick={() => void change(license, license.status === 'active' ? 'suspend' : 'resume')}
                    aria-label={`${t(license.status === 'active' ? 'customer.suspend' : 'customer.resume')} ${license.plan.name} ${license.keyPrefix}`}>
                    {t(license.status === 'active' ? 'customer.suspend' : 'customer.resume')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
      <h3>{t('customer.pools')}</h3>
      <div className="table-scroll"><table className="table">
        <thead><tr><th scope="col">{t('customer.feature')}</th><th scope="col" className="num">{t('customer.capacity')}</th><th scope="col" className="num">{t('customer.assigned')}</th><th scope="col" className="num">{t('customer.free')}</th></tr></thead>
        <tbody>
          {customer.pools.map((pool) => (
            <tr key={pool.featureId}><th scope="row">{pool.name}</th><td className="num">{pool.capacity}</td><td className="num">{pool.assigned}</td><td className="num">{pool.unassigned}</td></tr>
          ))}
        </tbody>
      </table></div>
    </section>
  );
}

function Computers({ activations, onReset }: { activations: Activation[]; onReset(activation: Activation): void }) {
  const t = useT();
  const language = useLanguage();
  const canChange = useCanChange();
  return (
    <section className="card" aria-labelledby="computers-title">
      <h2 id="computers-title">{t('customer.computers')}</h2>
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
                <td><code>{e.type}</code>{typeof e.data.reason === 'string' ? <span className="muted"> — {e.data.reason}</span> : null}</td>
                <td>{e.actor.type}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

/** Everything about one customer, and the support actions on it. */
export function CustomerPage({ id }: { id: string }) {
  const t = useT();
  const { api } = useStaffSession();
  const canChange = useCanChange();
  const problemText = useProblemText();
  const customer = useLoad(() => api.customer(id), [id]);
  const activations = useLoad(() => api.activations(id), [id]);
  const [version, setVersion] = useState(0);
  const [resetting, setResetting] = useState<Activation | null>(null);
  const [reissuing, setReissuing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => {
    void customer.reload();
    void activations.reload();
    setVersion((v) => v + 1);
  };
  const c = customer.data;
  if (!c) {
    return <AdminLayout title={t('find.title')}>{customer.error ? <Alert tone="error">{problemText(customer.error)}</Alert> : <Loading />}</AdminLayout>;
  }
  const contact = [c.contactName, c.contactEmail, c.phone].filter(Boolean).join(' · ');
  return (
    <AdminLayout title={c.name} subtitle={<>{t('customer.number', { number: c.number })} · <span className={`badge ${c.status === 'active' ? 'badge-ok' : 'badge-danger'}`}>{t(`status.${c.status}`)}</span>{contact ? ` · ${contact}` : ''}</>}
      actions={canChange ? <Button onClick={() => setReissuing(true)}>{t('customer.reissue')}</Button> : undefined}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert tone="error">{problemText(error)}</Alert> : null}
      <Licenses customer={c} onChanged={() => { setError(null); reload(); }} onError={setError} />
      <Computers activations={activations.data?.items ?? []} onReset={(a) => { setNotice(null); setResetting(a); }} />
      <Resources customer={c} />
      <History customerId={id} version={version} />
      <ResetDialog activation={resetting} onClose={() => setResetting(null)} onDone={(host) => { setResetting(null); setNotice(t('customer.resetDone', { host })); reload(); }} />
      <ReissueDialog customerId={id} open={reissuing} onClose={() => { setReissuing(false); setVersion((v) => v + 1); }} />
    </AdminLayout>
  );
}
