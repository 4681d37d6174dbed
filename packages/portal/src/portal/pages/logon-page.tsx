import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Help } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import { PublicLayout } from '../layout/layouts.tsx';
import { useSession } from '../session/session-context.tsx';
import { saveTicket } from './registration-ticket.ts';

/** Email and password, for those who registered an account. */
function EmailLogon() {
  const { t } = useTranslation();
  const { api, signedIn } = useSession();
  const { navigate } = useRouter();
  const problemText = useProblemText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await api.logon(email.trim(), password));
      navigate('/licenses');
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="logon-email">
      <h2 id="logon-email">{t('logon.emailTitle')}</h2>
      <p className="muted">{t('logon.emailIntro')}</p>
      <form onSubmit={submit} noValidate>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextField label={t('fields.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t('fields.password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>{t('logon.logOn')}</Button>
          <Link to="/forgot-password">{t('logon.forgotPassword')}</Link>
        </div>
      </form>
    </section>
  );
}

/** Seed 000 step 2: the first log-on, with the registration details sent at purchase. */
function AccountDetailsLogon() {
  const { t } = useTranslation();
  const { api } = useSession();
  const { navigate } = useRouter();
  const problemText = useProblemText();
  const [customerNumber, setCustomerNumber] = useState('');
  const [registrationKey, setRegistrationKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      saveTicket(await api.logonWithRegistration(customerNumber.trim(), registrationKey.trim()));
      navigate('/register');
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card card-accent" aria-labelledby="logon-details">
      <p className="step-label">{t('logon.firstTimeLabel')}</p>
      <h2 id="logon-details">{t('logon.detailsTitle')}</h2>
      <p className="muted">{t('logon.detailsIntro')}</p>
      <form onSubmit={submit} noValidate>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextField label={t('fields.customerNumber')} autoComplete="off" spellCheck={false} required value={customerNumber} onChange={(e) => setCustomerNumber(e.target.value)} />
        <TextField label={t('fields.registrationKey')} autoComplete="off" spellCheck={false} required value={registrationKey} onChange={(e) => setRegistrationKey(e.target.value)}
          hint={t('logon.registrationKeyHint')} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>{t('logon.logOn')}</Button>
          <Link to="/recover-registration">{t('logon.dontKnowDetails')}</Link>
        </div>
      </form>
      <Help summary={t('logon.detailsHelpSummary')}>
        <p>{t('logon.detailsHelp')}</p>
      </Help>
    </section>
  );
}

export function LogonPage() {
  const { t } = useTranslation();
  const { location } = useRouter();
  return (
    <PublicLayout title={t('logon.title')} wide>
      <p className="lead">{t('logon.intro')}</p>
      {location.query.get('loggedOut') ? <Alert tone="success">{t('logon.loggedOut')}</Alert> : null}
      <div className="two-columns">
        <EmailLogon />
        <AccountDetailsLogon />
      </div>
    </PublicLayout>
  );
}
