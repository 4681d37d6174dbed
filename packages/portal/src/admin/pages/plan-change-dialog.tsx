import { useEffect, useState } from 'react';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import type { FeatureOption, License, PlanChangePreview, PlanOption } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';
import { useMoney, useName } from './customer-format.ts';
import { PlanChoices } from './license-dialogs.tsx';

/** The price before and after, per period the customer pays in, and the difference. */
function PriceDifference({ preview }: { preview: PlanChangePreview }) {
  const t = useT();
  const money = useMoney();
  const { currency, before, after, delta } = preview.priceChange;
  const periods = (['month', 'year'] as const).filter((p) => before[p] !== 0 || after[p] !== 0);
  return (
    <dl className="price-change">
      {periods.map((period) => (
        <div key={period}>
          <dt>{t(period === 'month' ? 'planChange.totalMonth' : 'planChange.totalYear')}</dt>
          <dd>
            <span className="before">{money(before[period], currency, period)}</span> → <strong>{money(after[period], currency, period)}</strong>{' '}
            <span className={delta[period] > 0 ? 'delta-up' : delta[period] < 0 ? 'delta-down' : ''}>({money(delta[period], currency, period, true)})</span>
          </dd>
        </div>
      ))}
      {periods.length === 0 ? <div><dt>{t('planChange.totalMonth')}</dt><dd>{money(0, currency, 'month')}</dd></div> : null}
    </dl>
  );
}

/** Per feature: the license's slots and the customer's pool before and after, and what must be removed first. */
function SeatChanges({ preview }: { preview: PlanChangePreview }) {
  const t = useT();
  const name = useName();
  const changed = preview.seats.filter((s) => s.slotsBefore !== s.slotsAfter);
  return (
    <>
      <h3>{t('planChange.seatsTitle')}</h3>
      <ul className="plain-list">
        {changed.map((s) => (
          <li key={s.featureId}>
            {t(s.slotsAfter > s.slotsBefore ? 'planChange.gains' : 'planChange.loses', { count: Math.abs(s.slotsAfter - s.slotsBefore), feature: name(s.name) })}{' '}
            <span className="muted">{t('planChange.poolLine', { before: s.capacityBefore, after: s.capacityAfter, assigned: s.assigned })}</span>
          </li>
        ))}
        {changed.length === 0 ? <li>{t('planChange.sameSeats')}</li> : null}
      </ul>
      {preview.release.map((r) => {
        const seat = preview.seats.find((s) => s.featureId === r.featureId)!;
        return (
          <Alert key={r.featureId} tone="warning" title={t('planChange.shortTitle', { feature: name(seat.name) })}>
            <p>{t('planChange.short', { count: r.count, assigned: seat.assigned, capacity: seat.capacityAfter, feature: name(seat.name) })}</p>
            <ul>{r.candidates.map((c) => <li key={c.assignmentId}>{c.resourceName || c.resourceKind}</li>)}</ul>
          </Alert>
        );
      })}
    </>
  );
}

/**
 * Move a license to another plan of its product. Before saving, the server's preview says what the
 * change does (price, seats); it is the same computation the change makes, so nothing is guessed here.
 */
export function ChangePlanDialog({ license, plans, features, onClose, onDone }: {
  license: License; plans: PlanOption[]; features: FeatureOption[]; onClose(): void; onDone(planName: string): void;
}) {
  const t = useT();
  const { api } = useStaffSession();
  const name = useName();
  const money = useMoney();
  const problemText = useProblemText();
  const current = plans.find((p) => p.code === license.plan.code);
  const choices = plans.filter((p) => current && p.productId === current.productId && p.id !== current.id);
  const [plan, setPlan] = useState<string | null>(choices.length === 1 ? choices[0].code : null);
  const [preview, setPreview] = useState<PlanChangePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!plan) return;
    let live = true;
    setPreview(null);
    setError(null);
    api.previewPlanChange(license.id, plan).then((p) => live && setPreview(p), (e: unknown) => live && setError(problemText(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [license.id, plan]);
  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      await api.changePlan(license.id, preview.to.code);
      onDone(name(preview.to.name));
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };
  const fromName = current ? name(current.name) : license.plan.name;
  return (
    <Dialog open wide title={t('planChange.title', { plan: fromName, key: license.keyPrefix })} onClose={onClose}
      footer={(
        <>
          <Button variant="primary" busy={busy} disabled={!preview?.canChange} onClick={() => void confirm()}>
            {preview ? t('planChange.confirm', { plan: name(preview.to.name) }) : t('planChange.confirmPlain')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      )}>
      {choices.length === 0 ? <p className="empty">{t('planChange.noOtherPlan')}</p> : (
        <PlanChoices plans={choices} features={features} chosen={plan} onChoose={setPlan} legend={t('planChange.moveTo')} />
      )}
      {license.status !== 'active' ? <Alert tone="info">{t('planChange.notActive', { status: t(`status.${license.status}`) })}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {plan && !preview && !error ? <Loading label={t('planChange.previewing')} /> : null}
      {preview ? (
        <div className="confirm-box" aria-live="polite" aria-label={t('planChange.previewLabel')} role="region">
          <p>{t('planChange.summary', { from: name(preview.from.name), fromPrice: money(preview.from.priceCents, preview.from.currency, preview.from.period), to: name(preview.to.name), toPrice: money(preview.to.priceCents, preview.to.currency, preview.to.period) })}</p>
          <PriceDifference preview={preview} />
          <SeatChanges preview={preview} />
        </div>
      ) : null}
    </Dialog>
  );
}
