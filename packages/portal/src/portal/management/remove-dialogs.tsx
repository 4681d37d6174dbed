import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicenseItem, PriceChange, RemovalNeed, SeatRow } from '../../shared/api/account-types.ts';
import { ApiError } from '../../shared/api/http-client.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { useApi } from '../session/session-context.tsx';
import { PriceChangeView, useName } from './display.tsx';
import { choose, releaseIds, startChoice, stillToChoose, type RemovalChoice } from './seat-logic.ts';

/**
 * Remove a license: where fewer slots would remain than are assigned, pick the row that goes out of
 * each of its tables (seed 002); the cost change shows before confirming.
 */
export function RemoveLicenseDialog({ license, preselected = [], onClose, onDone }: { license: LicenseItem; preselected?: string[]; onClose(): void; onDone(message: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useName();
  const problemText = useProblemText();
  const [choice, setChoice] = useState<RemovalChoice | null>(null);
  const [change, setChange] = useState<PriceChange | null>(null);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Asks the server (dry run) what removing with these picks would do; a 409 says what is still to pick. */
  const preview = async (ids: string[]) => {
    try {
      const result = await api.removeLicense(license.id, ids, true);
      setChange(result.priceChange);
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'REMOVAL_NEEDS_CHOICE') {
        setChange((caught.problem.priceChange as PriceChange | undefined) ?? null);
        return false;
      }
      throw caught;
    }
  };
  useEffect(() => {
    (async () => {
      try {
        const result = await api.removeLicense(license.id, [], true).then(() => null, (caught: unknown) => caught);
        if (result instanceof ApiError && result.code === 'REMOVAL_NEEDS_CHOICE') {
          setChoice(startChoice(result.problem.needs as RemovalNeed[], preselected));
          setChange((result.problem.priceChange as PriceChange | undefined) ?? null);
        } else if (result) throw result;
        else await preview([]);
        setReady(true);
      } catch (caught) {
        setError(problemText(caught));
      }
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [license.id]);

  const remaining = choice ? stillToChoose(choice) : [];
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.removeLicense(license.id, choice ? releaseIds(choice) : [], false);
      onDone(t('management.removed', { plan: name(license.plan.name) }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'REMOVAL_NEEDS_CHOICE') {
        setChoice(startChoice(caught.problem.needs as RemovalNeed[], choice ? releaseIds(choice) : []));
      }
      setError(problemText(caught));
      setBusy(false);
    }
  };
  return (
    <Dialog open wide title={t('management.removeTitle', { plan: name(license.plan.name) })} onClose={onClose}
      footer={(
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="danger" busy={busy} disabled={!ready || remaining.length > 0} onClick={() => void confirm()}>{t('management.removeConfirm')}</Button>
        </>
      )}>
      <p>{t('management.removeIntro', { key: license.keyPrefix })}</p>
      {!ready && !error ? <Loading /> : null}
      {choice ? (
        <>
          <p>{t('management.removeChoose')}</p>
          {choice.needs.map((need) => {
            const picked = choice.chosen[need.feature.code] ?? [];
            const single = need.count === 1;
            return (
              <fieldset key={need.feature.code} className="choice-list" data-feature={need.feature.code}>
                <legend>{t('management.removeFrom', { count: need.count, table: name(need.feature.name) })}</legend>
                {need.candidates.map((candidate) => {
                  const checked = picked.includes(candidate.assignmentId);
                  return (
                    <label key={candidate.assignmentId} className={`choice${checked ? ' chosen' : ''}`}>
                      <input type={single ? 'radio' : 'checkbox'} name={`remove-${need.feature.code}`} checked={checked}
                        disabled={!single && !checked && picked.length >= need.count}
                        onChange={() => {
                          const next = choose(choice, need.feature.code, candidate.assignmentId);
                          setChoice(next);
                          if (stillToChoose(next).length === 0) void preview(releaseIds(next)).catch((e: unknown) => setError(problemText(e)));
                        }} />
                      <span className="choice-name">{candidate.resource.name}</span>
                    </label>
                  );
                })}
              </fieldset>
            );
          })}
          {remaining.length ? <p className="muted" aria-live="polite">{t('management.stillToChoose', { count: remaining.reduce((sum, r) => sum + r.remaining, 0) })}</p> : null}
        </>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {change ? <div className="confirm-box" aria-live="polite"><PriceChangeView change={change} /></div> : null}
    </Dialog>
  );
}

/**
 * Remove on a table row: take the provider or schedule out of the table (its license stays, to be
 * allocated again), or remove a license along with it to stop paying for it.
 */
export function RemoveRowDialog({ row, tableName, onClose, onUnassigned, onRemoveLicense }: {
  row: SeatRow; tableName: string; onClose(): void; onUnassigned(message: string): void; onRemoveLicense(row: SeatRow): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const problemText = useProblemText();
  const [mode, setMode] = useState<'unassign' | 'license'>('unassign');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    if (mode === 'license') return onRemoveLicense(row);
    setBusy(true);
    setError(null);
    try {
      await api.unassign(row.assignmentId, t('management.unassignReason', { table: tableName }));
      onUnassigned(t('management.unassignedDone', { name: row.resource.name, table: tableName }));
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };
  return (
    <Dialog open title={t('management.removeRowTitle', { name: row.resource.name, table: tableName })} onClose={onClose}
      footer={(
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="danger" busy={busy} onClick={() => void confirm()}>{mode === 'license' ? t('common.continue') : t('management.remove')}</Button>
        </>
      )}>
      <fieldset className="choice-list">
        <legend>{t('management.removeRowHow')}</legend>
        <label className={`choice${mode === 'unassign' ? ' chosen' : ''}`}>
          <input type="radio" name="remove-mode" checked={mode === 'unassign'} onChange={() => setMode('unassign')} />
          <span><strong>{t('management.removeRowOnly')}</strong><br /><span className="muted small">{t('management.removeRowOnlyHint')}</span></span>
        </label>
        <label className={`choice${mode === 'license' ? ' chosen' : ''}`}>
          <input type="radio" name="remove-mode" checked={mode === 'license'} onChange={() => setMode('license')} />
          <span><strong>{t('management.removeRowLicense')}</strong><br /><span className="muted small">{t('management.removeRowLicenseHint')}</span></span>
        </label>
      </fieldset>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}
