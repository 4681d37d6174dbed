import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import { MIN_PASSWORD, passwordProblem } from '../../shared/ui/password-rules.ts';
import { PublicLayout } from '../layout/layouts.tsx';
import { useSession } from '../session/session-context.tsx';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useSession();
  const problemText = useProblemText();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return setError(t('fields.required'));
    setBusy(true);
    setError(null);
    try {
      await api.requestPasswordReset(email.trim(), language);
      setSent(true);
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicLayout title={t('forgot.title')}>
      {sent ? (
        <Alert tone="success" title={t('forgot.sentTitle')}>{t('forgot.sent', { email: email.trim() })}</Alert>
      ) : (
        <form className="card" onSubmit={submit} noValidate>
          <p>{t('forgot.intro')}</p>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <TextField label={t('fields.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <div className="form-actions"><Button type="submit" variant="primary" busy={busy}>{t('forgot.submit')}</Button></div>
        </form>
      )}
      <p><Link to="/">{t('register.backToLogon')}</Link></p>
    </PublicLayout>
  );
}

/** The emailed link lands here: choose a new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const { location } = useRouter();
  const problemText = useProblemText();
  const token = location.query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = shown ? passwordProblem(password) : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (passwordProblem(password)) return;
    setBusy(true);
    setError(null);
    try {
      await api.confirmPasswordReset(token, password);
      setDone(true);
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicLayout title={t('resetPassword.title')}>
      {!token ? <Alert tone="error">{t('errors.TOKEN_INVALID')}</Alert> : done ? (
        <Alert tone="success" title={t('resetPassword.doneTitle')}><p><Link to="/">{t('resetPassword.logOnNow')}</Link></p></Alert>
      ) : (
        <form className="card" onSubmit={submit} noValidate>
          {error ? <Alert tone="error">{error} {' '}<Link to="/forgot-password">{t('resetPassword.askAgain')}</Link></Alert> : null}
          <TextField label={t('fields.newPassword')} type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)}
            hint={t('fields.passwordHint', { count: MIN_PASSWORD })} error={problem ? t(problem, { count: MIN_PASSWORD }) : null} />
          <div className="form-actions"><Button type="submit" variant="primary" busy={busy}>{t('resetPassword.submit')}</Button></div>
        </form>
      )}
    </PublicLayout>
  );
}
