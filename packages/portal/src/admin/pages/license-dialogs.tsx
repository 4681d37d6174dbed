import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextArea, TextField } from '../../shared/ui/field.tsx';
import type { Activation, CustomerDetail, FeatureOption, License, PlanOption } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';
import { todayInput, useMoney, useName } from './customer-format.ts';

/** The plans staff may issue, with their price and what they include. */
export function PlanChoices({ plans, features, chosen, onChoose, legend }: { plans: PlanOption[]; features: FeatureOption[]; chosen: string | null; onChoose(code: string): void; legend: string }) {
  const t = useT();
  const name = useName();
  const money = useMoney();
  const featureName = (id: string) => {
    const feature = features.find((f) => f.id === id);
    return feature ? name(feature.name) : id;
  };
  return (
    <fieldset className="plan-list">
      <legend>{legend}</legend>
      {plans.map((p) => (
        <label key={p.id} className={`plan-option${chosen === p.code ? ' chosen' : ''}`}>
          <input type="radio" name="plan" value={p.code} checked={chosen === p.code} onChange={() => onChoose(p.code)} />
          <span className="plan-name">{name(p.name)}</span>
          <span className="plan-price">{money(p.priceCents, p.currency, p.period)}</span>
          <span className="plan-includes">{t('licenses.includes', { features: p.slots.map((s) => (s.quantity > 1 ? `${s.quantity} × ` : '') + featureName(s.featureId)).join(', ') })}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Issue a license of a plan: its price before confirming, and its key shown once after. */
export function IssueLicenseDialog({ customerId, plans, features, onClose, onDone }: {
  customerId: string; plans: PlanOption[]; features: FeatureOption[]; onClose(): void; onDone(): void;
}) {
  const t = useT();
  const { api } = useStaffSession();
  const name = useName();
  const money = useMoney();
  const problemText = useProblemText();
  const [plan, setPlan] = useState<string | null>(null);
  const [startsOn, setStartsOn] = useState(todayInput());
  const [issued, setIssued] = useState<{ key: string; plan: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = plans.find((p) => p.code === plan) ?? null;
  const close = () => (issued ? onDone() : onClose());
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setError(t('licenses.choosePlanFirst'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startsOn)) return setError(t('licenses.startRequired'));
    setBusy(true);
    setError(null);
    try {
      // Today means now, so the license grants use at once; another day starts at its midnight here.
      const startsAt = startsOn === todayInput() ? undefined : new Date(`${startsOn}T00:00:00`).toISOString();
      const answer = await api.issueLicense(customerId, chosen.code, startsAt);
      setIssued({ key: answer.key, plan: name(chosen.name) });
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open wide title={t('licenses.issueTitle')} onClose={close}
      footer={issued ? <Button onClick={close}>{t('common.close')}</Button> : (
        <>
          <Button type="submit" form="issue-license" variant="primary" busy={busy} disabled={!chosen}>{t('licenses.issueConfirm')}</Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </>
      )}>
      {issued ? (
        <Alert tone="success" title={t('licenses.issued', { plan: issued.plan })}>
          <dl className="details">
            <dt>{t('licenses.licenseKey')}</dt><dd><code>{issued.key}</code></dd>
          </dl>
          <p>{t('licenses.keyHint')}</p>
        </Alert>
      ) : (
        <form id="issue-license" onSubmit={submit} noValidate>
          {plans.length === 0 ? <p className="empty">{t('licenses.noPlans')}</p> : (
            <PlanChoices plans={plans} features={features} chosen={plan} onChoose={(code) => { setPlan(code); setError(null); }} legend={t('licenses.choosePlan')} />
          )}
          <TextField label={t('licenses.startsOn')} hint={t('licenses.startsHint')} type="date" required value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
          {chosen ? (
            <div className="confirm-box" aria-live="polite">
              <p>{t('licenses.issueSummary', { plan: name(chosen.name), price: money(chosen.priceCents, chosen.currency, chosen.period) })}</p>
            </div>
          ) : null}
          {error ? <Alert tone="error">{error}</Alert> : null}
        </form>
      )}
    </Dialog>
  );
}

/** What cancelling takes away: every seat on the license, the computers' and the providers' and schedules'. */
function SeatsLost({ license, customer, activations }: { license: License; customer: CustomerDetail; activations: Activation[] }) {
  const t = useT();
  const language = useLanguage();
  const computers = activations.filter((a) => a.licenseId === license.id && !a.releasedAt);
  const computerSeats = new Set(computers.map((a) => a.id));
  const resources = customer.resources.flatMap((r) => r.seats.filter((s) => s.licenseId === license.id && !computerSeats.has(s.assignmentId)).map((s) => ({ ...s, name: r.name, featureName: customer.pools.find((p) => p.featureId === s.featureId)?.name ?? s.feature })));
  if (computers.length === 0 && resources.length === 0) return <p>{t('licenses.cancelNoSeats')}</p>;
  return (
    <>
      <p>{t('licenses.cancelSeats')}</p>
      <ul>
        {computers.map((a) => <li key={a.id}>{t('licenses.cancelComputer', { host: a.hostName, date: formatDateTime(a.leaseExpiresAt, language) })}</li>)}
        {resources.map((r) => <li key={r.assignmentId}>{t('licenses.cancelResource', { name: r.name, feature: r.featureName })}</li>)}
      </ul>
    </>
  );
}

/** Cancel a license for good (owners only): says what happens to its seats and computers, and asks why. */
export function CancelLicenseDialog({ license, customer, activations, plans, onClose, onDone }: {
  license: License; customer: CustomerDetail; activations: Activation[]; plans: PlanOption[]; onClose(): void; onDone(): void;
}) {
  const t = useT();
  const { api } = useStaffSession();
  const name = useName();
  const money = useMoney();
  const problemText = useProblemText();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plan = plans.find((p) => p.code === license.plan.code);
  const planName = plan ? name(plan.name) : license.plan.name;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return setError(t('customer.reasonRequired'));
    setBusy(true);
    setError(null);
    try {
      await api.cancelLicense(license.id, reason.trim());
      onDone();
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };
  return (
    <Dialog open title={t('licenses.cancelTitle', { plan: planName, key: license.keyPrefix })} onClose={onClose}
      footer={(
        <>
          <Button type="submit" form="cancel-license" variant="danger" busy={busy}>{t('licenses.cancelConfirm')}</Button>
          <Button onClick={onClose}>{t('licenses.keep')}</Button>
        </>
      )}>
      <form id="cancel-license" onSubmit={submit} noValidate>
        <p>{t('licenses.cancelIntro')}</p>
        <SeatsLost license={license} customer={customer} activations={activations} />
        {plan && license.status === 'active' ? <p>{t('licenses.cancelPrice', { price: money(plan.priceCents, plan.currency, plan.period) })}</p> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextArea label={t('licenses.cancelReason')} required rows={2} value={reason} onChange={(e) => { setReason(e.target.value); setError(null); }} />
      </form>
    </Dialog>
  );
}
