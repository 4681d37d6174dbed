import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import { MIN_PASSWORD, passwordProblem } from '../../shared/ui/password-rules.ts';
import { PublicLayout } from '../layout/layouts.tsx';
import { useSession } from '../session/session-context.tsx';

/** An invited user chooses a name and password, and is in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api, signedIn } = useSession();
  const { location, navigate } = useRouter();
  const problemText = useProblemText();
  const token = location.query.get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = shown ? passwordProblem(password) : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (passwordProblem(password) || !name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      signedIn(await api.acceptInvitation({ token, name: name.trim(), password, locale: language }));
      navigate('/licenses?welcome=1');
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicLayout title={t('invitation.title')}>
      <p className="lead">{t('invitation.intro')}</p>
      <form className="card" onSubmit={submit} noValidate>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextField label={t('fields.yourName')} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={shown && !name.trim() ? t('fields.required') : null} />
        <TextField label={t('fields.newPassword')} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)}
          hint={t('fields.passwordHint', { count: MIN_PASSWORD })} error={problem ? t(problem, { count: MIN_PASSWORD }) : null} />
        <div className="form-actions"><Button type="submit" variant="primary" busy={busy} disabled={!token}>{t('invitation.submit')}</Button></div>
      </form>
    </PublicLayout>
  );
}
