import { useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api/http-client.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import { MIN_PASSWORD, passwordProblem } from '../../shared/ui/password-rules.ts';
import { useT } from '../i18n/resources.ts';
import { PublicLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';

/** The page of an invitation's link: the invitee chooses a password and is signed in. */
export function StaffInvitationPage() {
  const t = useT();
  const { api, signedIn } = useStaffSession();
  const { location, navigate } = useRouter();
  const problemText = useProblemText();
  const token = location.query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(token ? null : t('staffInvitation.noToken'));
  const problem = shown ? passwordProblem(password) : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (passwordProblem(password)) return;
    setBusy(true);
    setError(null);
    try {
      signedIn(await api.staff.acceptInvitation(token, password));
      navigate('/dashboard', { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError && caught.code === 'TOKEN_INVALID' ? t('staffInvitation.invalid') : problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicLayout title={t('staffInvitation.title')}>
      <section className="card">
        <p className="muted">{t('staffInvitation.intro')}</p>
        <form onSubmit={submit} noValidate>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <TextField label={t('fields.newPassword')} type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)}
            hint={t('fields.passwordHint', { count: MIN_PASSWORD })} error={problem ? t(problem, { count: MIN_PASSWORD }) : null} />
          <div className="form-actions"><Button type="submit" variant="primary" busy={busy} disabled={!token}>{t('staffInvitation.submit')}</Button></div>
        </form>
      </section>
    </PublicLayout>
  );
}
