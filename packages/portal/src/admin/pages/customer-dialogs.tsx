import { useState, type FormEvent } from 'react';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextArea } from '../../shared/ui/field.tsx';
import type { Activation } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';

/** A staff reset of a computer: a reason is required, and it is not counted against the budget. */
export function ResetDialog({ activation, onClose, onDone }: { activation: Activation | null; onClose(): void; onDone(host: string): void }) {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!activation) return;
    if (reason.trim().length < 3) return setError(t('customer.reasonRequired'));
    setBusy(true);
    setError(null);
    try {
      await api.resetActivation(activation.id, reason.trim());
      setReason('');
      onDone(activation.hostName);
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={activation !== null} title={t('customer.resetTitle', { host: activation?.hostName ?? '' })} onClose={close}>
      <form onSubmit={submit} noValidate>
        <p>{t('customer.resetIntro')}</p>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextArea label={t('customer.resetReason')} required rows={3} value={reason} onChange={(e) => { setReason(e.target.value); setError(null); }} />
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={busy}>{t('customer.resetConfirm')}</Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * New registration details for a customer who lost theirs; shown once. The key is stored hashed, so
 * "send them again" is this, with the new details mailed to the contact in the customer's language.
 */
export function ReissueDialog({ customerId, contactEmail, open, onClose }: { customerId: string; contactEmail: string | null; open: boolean; onClose(): void }) {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const [details, setDetails] = useState<{ customerNumber: string; registrationKey: string; emailedTo: string | null } | null>(null);
  const [email, setEmail] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setDetails(null);
    setError(null);
    setEmail(true);
    onClose();
  };
  const reissue = async () => {
    setBusy(true);
    setError(null);
    try {
      setDetails(await api.reissueRegistration(customerId, Boolean(contactEmail) && email));
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} title={t('customer.reissueTitle')} onClose={close}
      footer={details ? <Button onClick={close}>{t('common.close')}</Button> : (
        <>
          <Button variant="danger" busy={busy} onClick={() => void reissue()}>{t('customer.reissueConfirm')}</Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </>
      )}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {details ? (
        <Alert tone="success" title={t('customer.reissued')}>
          <dl className="details">
            <dt>{t('fields.customerNumber')}</dt><dd><code>{details.customerNumber}</code></dd>
            <dt>{t('fields.registrationKey')}</dt><dd><code>{details.registrationKey}</code></dd>
          </dl>
          {details.emailedTo ? <p>{t('reissueMail.sent', { email: details.emailedTo })}</p> : null}
        </Alert>
      ) : (
        <>
          <p>{t('customer.reissueIntro')}</p>
          {contactEmail ? (
            <label className={`choice${email ? ' chosen' : ''}`}>
              <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} />
              <span className="choice-name">{t('reissueMail.checkbox', { email: contactEmail })}</span>
            </label>
          ) : <p className="muted">{t('reissueMail.noContact')}</p>}
        </>
      )}
    </Dialog>
  );
}
