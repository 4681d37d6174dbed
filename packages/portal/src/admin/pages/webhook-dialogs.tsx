import { useId, useState, type FormEvent } from 'react';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import type { EventTypeInfo, WebhookEndpoint } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';
import { breakable } from './breakable.tsx';
import { groupEventTypes, subscriptionPatterns } from './event-type-groups.ts';

/** The event types an endpoint subscribes to: everything, every type of a group (`license.*`), or single types. */
function EventTypePicker({ types, chosen, onChange, error }: { types: EventTypeInfo[]; chosen: Set<string>; onChange(next: Set<string>): void; error: string | null }) {
  const t = useT();
  const errorId = useId();
  const toggle = (pattern: string) => {
    const next = new Set(chosen);
    if (next.has(pattern)) next.delete(pattern);
    else next.add(pattern);
    onChange(next);
  };
  const everything = chosen.has('*');
  return (
    <fieldset className="type-picker" aria-describedby={error ? errorId : undefined}>
      <legend>{t('webhooks.chooseEvents')}</legend>
      {error ? <p className="field-error" id={errorId}>{error}</p> : null}
      <label className="check strong"><input type="checkbox" checked={everything} onChange={() => toggle('*')} /> {t('webhooks.everything')}</label>
      <div className="type-groups">
        {groupEventTypes(types.filter((type) => type.webhooks)).map(({ group, items }) => {
          const wildcard = `${group}.*`;
          const all = everything || chosen.has(wildcard);
          return (
            <fieldset key={group} className="type-group">
              <legend><code>{group}</code></legend>
              <label className="check"><input type="checkbox" checked={all} disabled={everything} onChange={() => toggle(wildcard)} /> {t('webhooks.allOf', { group })}</label>
              {items.map((item) => (
                <label key={item.type} className="check">
                  <input type="checkbox" checked={all || chosen.has(item.type)} disabled={all} onChange={() => toggle(item.type)} />
                  <code>{breakable(item.type)}</code>
                  {item.highVolume ? <span className="small muted"> — {t('webhooks.highVolume')}</span> : null}
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A new endpoint: its URL and event types; then its signing secret, shown this once. */
export function CreateEndpointDialog({ open, types, onClose, onCreated }: {
  open: boolean; types: EventTypeInfo[]; onClose(): void; onCreated(endpoint: WebhookEndpoint): void;
}) {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    setUrl('');
    setDescription('');
    setChosen(new Set());
    setErrors({});
    setFailure(null);
    setSecret(null);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patterns = subscriptionPatterns(chosen);
    const next = {
      url: /^https?:\/\/[^\s/]+/.test(url.trim()) ? undefined : t('webhooks.urlInvalid'),
      events: patterns.length ? undefined : t('webhooks.eventsRequired'),
    };
    setErrors(next);
    if (next.url || next.events) return;
    setBusy(true);
    setFailure(null);
    try {
      const created = await api.createWebhook({ url: url.trim(), eventTypes: patterns, ...(description.trim() ? { description: description.trim() } : {}) });
      setSecret(created.secret);
      onCreated(created);
    } catch (caught) {
      setFailure(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} wide title={t('webhooks.createTitle')} onClose={close}
      footer={secret ? <Button variant="primary" onClick={close}>{t('common.close')}</Button> : undefined}>
      {secret ? (
        <Alert tone="success" title={t('webhooks.secretTitle')}>
          <p><code className="secret">{secret}</code></p>
          <p>{t('webhooks.secretIntro')}</p>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          {failure ? <Alert tone="error">{failure}</Alert> : null}
          <TextField label={t('webhooks.url')} type="url" inputMode="url" required value={url} hint={t('webhooks.urlHint')} error={errors.url}
            placeholder="https://" onChange={(e) => { setUrl(e.target.value); setErrors((current) => ({ ...current, url: undefined })); }} />
          <TextField label={t('webhooks.descriptionLabel')} value={description} maxLength={500} hint={t('webhooks.descriptionHint')} onChange={(e) => setDescription(e.target.value)} />
          <EventTypePicker types={types} chosen={chosen} error={errors.events ?? null} onChange={(next) => { setChosen(next); setErrors((e) => ({ ...e, events: undefined })); }} />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy}>{t('webhooks.createSubmit')}</Button>
            <Button onClick={close}>{t('common.cancel')}</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
