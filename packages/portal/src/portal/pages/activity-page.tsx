import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalEvent } from '../../shared/api/account-types.ts';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { AppLayout } from '../layout/layouts.tsx';
import { useComponentName } from '../licenses/component-names.ts';
import { actorKey } from '../licenses/computer-license-card.tsx';
import { useApi } from '../session/session-context.tsx';
import { describeEvent } from './describe-event.ts';

/** The customer's activity history, newest first, in their language. */
export function ActivityPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const componentName = useComponentName();
  const problemText = useProblemText();
  const [more, setMore] = useState<PortalEvent[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const first = useLoad(() => api.events(null, 50));
  const items = [...(first.data?.items ?? []), ...more];
  const next = cursor === undefined ? first.data?.nextCursor ?? null : cursor;
  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const page = await api.events(next, 50);
      setMore((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppLayout title={t('activity.title')}>
      <p className="lead">{t('activity.intro')}</p>
      {first.error ? <Alert tone="error">{problemText(first.error)}</Alert> : null}
      {first.loading && !first.data ? <Loading /> : null}
      {first.data ? (
        <section className="card">
          {items.length === 0 ? <p className="muted">{t('activity.none')}</p> : (
            <ol className="timeline">
              {items.map((event) => (
                <li key={event.id}>
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, language)}</time>
                  <p>{describeEvent(t, event, componentName)}</p>
                  <p className="muted small">{t(`actors.${actorKey(event.actor.type)}`)}</p>
                </li>
              ))}
            </ol>
          )}
          {next ? <Button onClick={() => void loadMore()} busy={busy}>{t('activity.more')}</Button> : null}
        </section>
      ) : null}
    </AppLayout>
  );
}
