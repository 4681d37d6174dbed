import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pool, Resource } from '../../shared/api/account-types.ts';
import { useLoad } from '../../shared/api/use-load.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { useApi } from '../session/session-context.tsx';
import { HealthBadge, useName } from './display.tsx';
import { allocatable, allocateCount } from './seat-logic.ts';

/** "Allocate [x] unassigned": pick from the providers or schedules the integration reported. */
export function AllocateDialog({ pool, onClose, onDone }: { pool: Pool; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useName();
  const problemText = useProblemText();
  const kind = pool.feature.seatKind === 'provider' ? 'provider' : 'schedule';
  const max = allocateCount(pool);
  const resources = useLoad(() => api.resources(pool.feature.seatKind), [pool.feature.code]);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates: Resource[] = resources.data ? allocatable(resources.data.items, pool) : [];
  const toggle = (id: string) => setPicked((current) => (current.includes(id) ? current.filter((x) => x !== id) : current.length >= max ? current : [...current, id]));
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const id of picked) await api.assign(pool.feature.code, id);
      onDone();
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };
  return (
    <Dialog open title={t(`management.allocate.${kind}`, { count: max })} onClose={onClose}
      footer={(
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} disabled={picked.length === 0} onClick={() => void confirm()}>
            {t('management.allocateConfirm', { count: picked.length })}
          </Button>
        </>
      )}>
      <p>{t('management.allocateIntro', { count: max, feature: name(pool.feature.name) })}</p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {resources.loading && !resources.data ? <Loading /> : null}
      {resources.error ? <Alert tone="error">{problemText(resources.error)}</Alert> : null}
      {resources.data && candidates.length === 0 ? <Alert tone="info">{t(`management.noCandidates.${kind}`)}</Alert> : null}
      {candidates.length ? (
        <fieldset className="choice-list">
          <legend>{t(`management.pick.${kind}`, { count: max })}</legend>
          {candidates.map((resource) => {
            const checked = picked.includes(resource.id);
            return (
              <label key={resource.id} className={`choice${checked ? ' chosen' : ''}`}>
                <input type="checkbox" checked={checked} disabled={!checked && picked.length >= max} onChange={() => toggle(resource.id)} />
                <span className="choice-name">{resource.name}</span>
                <HealthBadge health={resource.health} />
              </label>
            );
          })}
        </fieldset>
      ) : null}
    </Dialog>
  );
}
