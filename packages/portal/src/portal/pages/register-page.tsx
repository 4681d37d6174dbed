import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Help } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import { MIN_PASSWORD, passwordProblem } from '../../shared/ui/password-rules.ts';
import { PublicLayout } from '../layout/layouts.tsx';
import { useSession } from '../session/session-context.tsx';
import { clearTicket, loadTicket } from './registration-ticket.ts';

/**
 * Seed 000 step 3: the first time, register an account; then on to the licenses. The first account
 * is the owner; when the organisation has accounts already, the page says this one will view only.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api, signedIn } = useSession();
  const { navigate } = useRouter();
  const problemText = useProblemText();
  const [ticket] = useState(loadTicket);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(false);

  if (!ticket) {
    return (
      <PublicLayout title={t('register.title')}>
        <Alert tone="warning">{t('register.noTicket')}</Alert>
        <p><Link to="/">{t('register.backToLogon')}</Link></p>
      </PublicLayout>
    );
  }
  const passwordError = shown ? passwordProblem(password) : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (passwordProblem(password) || !name.trim() || !email.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const session = await api.register({ registrationTicket: ticket.registrationTicket, name: name.trim(), email: email.trim(), password, locale: language });
      signedIn(session);
      clearTicket();
      // A later account is a viewer, whatever the ticket said when the page opened: the welcome says so.
      navigate(session.user.role === 'viewer' ? '/licenses?welcome=viewer' : '/licenses?welcome=1');
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicLayout title={t('register.title')}>
      <p className="lead">{t('register.intro', { customer: ticket.customer.name, number: ticket.customer.number })}</p>
      {ticket.existingAccounts > 0 ? (
        <Alert tone="info" title={t('register.viewOnlyTitle')}>
          <p>{t('register.viewOnly', { customer: ticket.customer.name })}</p>
          <p>{t('register.existingAccounts', { count: ticket.existingAccounts })}</p>
        </Alert>
      ) : null}
      <form className="card" onSubmit={submit} noValidate>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextField label={t('fields.yourName')} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)}
          error={shown && !name.trim() ? t('fields.required') : null} />
        <TextField label={t('fields.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)}
          hint={t('register.emailHint')} error={shown && !email.trim() ? t('fields.required') : null} />
        <TextField label={t('fields.newPassword')} type="password" autoComplete="new-password" required minLength={MIN_PASSWORD} value={password}
          onChange={(e) => setPassword(e.target.value)} hint={t('fields.passwordHint', { count: MIN_PASSWORD })} error={passwordError ? t(passwordError, { count: MIN_PASSWORD }) : null} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>{t('register.submit')}</Button>
        </div>
        <Help>
          <p>{t('register.help')}</p>
        </Help>
      </form>
    </PublicLayout>
  );
}
