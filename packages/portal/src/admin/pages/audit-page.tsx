import { useState, type FormEvent } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { SelectField, TextField } from '../../shared/ui/field.tsx';
import { IconDownload } from '../../shared/ui/icons.tsx';
import { auditCsvUrl, type AuditEvent, type EventTypeInfo } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';
import { AUDIT_FIELDS, filterFromForm, formFromQuery, queryFromForm, rangeIsValid, type AuditForm } from './audit-filters.ts';
import { Pager, useCursorPages } from './cursor-pager.tsx';
import { groupEventTypes } from './event-type-groups.ts';

const ACTOR_TYPES = ['staff', 'admin_key', 'portal_user', 'customer', 'license_key', 'machine', 'integration', 'system'] as const;

function Filters({ initial, types, onApply }: { initial: AuditForm; types: EventTypeInfo[]; onApply(form: AuditForm): void }) {
  const t = useT();
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const set = (field: keyof AuditForm) => (e: { target: { value: string } }) => {
    setForm({ ...form, [field]: e.target.value });
    setError(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rangeIsValid(form)) return setError(t('audit.rangeInvalid'));
    onApply(form);
  };
  const empty = Object.fromEntries(AUDIT_FIELDS.map((f) => [f, ''])) as unknown as AuditForm;
  return (
    <form className="card audit-filters" role="search" aria-label={t('audit.filters')} onSubmit={submit} noValidate>
      <div className="filter-grid">
        <TextField label={t('audit.customer')} type="search" value={form.customer} onChange={set('customer')} />
        <SelectField label={t('audit.type')} value={form.type} onChange={set('type')}>
          <option value="">{t('audit.anyType')}</option>
          {groupEventTypes(types).map(({ group, items }) => (
            <optgroup key={group} label={group}>
              <option value={`${group}.*`}>{t('audit.allOfGroup', { group })}</option>
              {items.map((item) => <option key={item.type} value={item.type}>{item.type}</option>)}
            </optgroup>
          ))}
        </SelectField>
        <SelectField label={t('audit.actorType')} value={form.actorType} onChange={set('actorType')}>
          <option value="">{t('audit.anyActor')}</option>
          {ACTOR_TYPES.map((type) => <option key={type} value={type}>{t(`audit.actorTypes.${type}`)}</option>)}
        </SelectField>
        <TextField label={t('audit.actorId')} value={form.actorId} hint={t('audit.actorIdHint')} onChange={set('actorId')} />
        <TextField label={t('audit.from')} type="date" value={form.from} onChange={set('from')} />
        <TextField label={t('audit.to')} type="date" value={form.to} error={error} onChange={set('to')} />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary">{t('audit.apply')}</Button>
        <Button variant="quiet" onClick={() => { setForm(empty); setError(null); onApply(empty); }}>{t('audit.clear')}</Button>
      </div>
    </form>
  );
}

/** Ids are long; their end tells them apart (the whole id is in the title, and in the CSV). */
const short = (id: string) => (id.length > 14 ? `…${id.slice(-10)}` : id);

function EventRow({ event, onActor }: { event: AuditEvent; onActor(event: AuditEvent): void }) {
  const t = useT();
  const language = useLanguage();
  const actorLabel = t(`audit.actorTypes.${event.actor.type}`);
  const entries = Object.entries(event.data);
  return (
    <tr>
      <td className="nowrap" data-label={t('audit.when')}>{formatDateTime(event.createdAt, language)}</td>
      <th scope="row"><code>{event.type}</code></th>
      <td data-label={t('audit.customerColumn')}><span>{event.customer && event.customerId
        ? <Link to={`/customers/${encodeURIComponent(event.customerId)}`}>{event.customer.name}</Link>
        : <span className="muted">—</span>}
        {event.customer ? <span className="small muted"> · {event.customer.number}</span> : null}</span>
      </td>
      <td data-label={t('audit.actor')}><span>
        <span className="small muted">{actorLabel}</span><br />
        {event.actor.name ?? (event.actor.id ? <code className="small">{event.actor.id}</code> : <span className="muted">—</span>)}
        {event.actor.id ? (
          <><br /><Button variant="quiet" className="btn-small" onClick={() => onActor(event)}
            aria-label={`${t('audit.onlyActor')}: ${actorLabel} ${event.actor.name ?? event.actor.id}`}>{t('audit.onlyActor')}</Button></>
        ) : null}
      </span></td>
      <td data-label={t('audit.subject')}><span><span className="small muted">{event.subjectType}</span><br /><code className="small nowrap" title={event.subjectId}>{short(event.subjectId)}</code></span></td>
      <td className="event-data" data-label={t('audit.data')}>{entries.length === 0 ? <span className="muted">—</span> : (
        <ul className="data-list">
          {entries.map(([key, value]) => <li key={key}><span className="muted">{key}:</span> {typeof value === 'string' ? value : JSON.stringify(value)}</li>)}
        </ul>
      )}</td>
    </tr>
  );
}

/** Every event, filtered by customer, type, actor and dates, a page at a time; the same filter as CSV. */
export function AuditPage() {
  const t = useT();
  const { api } = useStaffSession();
  const { location, navigate } = useRouter();
  const problemText = useProblemText();
  const search = location.query.toString();
  const form = formFromQuery(location.query);
  const filter = filterFromForm(form);
  const pages = useCursorPages(search);
  const types = useLoad(() => api.eventTypes());
  const events = useLoad(() => api.auditEvents(filter, pages.cursor), [search, pages.cursor]);
  const apply = (next: AuditForm) => {
    const query = queryFromForm(next);
    navigate(query ? `/audit?${query}` : '/audit', { replace: true });
  };
  return (
    <AdminLayout title={t('audit.title')}
      actions={<a className="btn btn-secondary" href={auditCsvUrl(filter)} download><IconDownload /> <span>{t('audit.export')}</span></a>}>
      <p className="lead">{t('audit.intro')}</p>
      <Filters key={search} initial={form} types={types.data?.items ?? []} onApply={apply} />
      {events.error ? <Alert tone="error">{problemText(events.error)}</Alert> : null}
      <section className="card" aria-labelledby="events-title" aria-busy={events.loading}>
        <h2 id="events-title" className="visually-hidden">{t('audit.results')}</h2>
        {!events.data ? <Loading /> : events.data.items.length === 0 ? <p className="empty">{t('audit.none')}</p> : (
          <table className="table compact responsive ops-table audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th><th scope="col">{t('audit.event')}</th><th scope="col">{t('audit.customerColumn')}</th>
                <th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.subject')}</th><th scope="col">{t('audit.data')}</th>
              </tr>
            </thead>
            <tbody>
              {events.data.items.map((event) => (
                <EventRow key={event.id} event={event} onActor={(e) => apply({ ...form, actorType: e.actor.type, actorId: e.actor.id ?? '' })} />
              ))}
            </tbody>
          </table>
        )}
        <Pager pages={pages} nextCursor={events.data?.nextCursor} />
      </section>
    </AdminLayout>
  );
}
