import { useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api/http-client.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import { useT } from '../i18n/resources.ts';
import { PublicLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';

/** Email and password, then the TOTP code when the account has two-step sign-in. */
export function SignInPage() {
  const t = useT();
  const { api, signedIn } = useStaffSession();
  const { navigate, location } = useRouter();
  const problemText = useProblemText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await api.logon(email.trim(), password, askCode ? code.trim() : undefined));
      navigate('/dashboard');
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'TOTP_REQUIRED') setAskCode(true);
      else setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicLayout title={askCode ? t('signIn.totpTitle') : t('signIn.title')}>
      {location.query.get('signedOut') ? <Alert tone="success">{t('signIn.signedOut')}</Alert> : null}
      <section className="card">
        <p className="muted">{askCode ? t('signIn.totpIntro') : t('signIn.intro')}</p>
        <form onSubmit={submit} noValidate>
          {error ? <Alert tone="error">{error}</Alert> : null}
          {askCode ? (
            <TextField key="code" label={t('signIn.code')} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required autoFocus
              value={code} onChange={(e) => setCode(e.target.value)} />
          ) : (
            <>
              <TextField label={t('fields.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
              <TextField label={t('fields.password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </>
          )}
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy}>{t('signIn.submit')}</Button>
            {askCode ? <Button variant="quiet" onClick={() => { setAskCode(false); setCode(''); setError(null); }}>{t('signIn.back')}</Button> : null}
          </div>
        </form>
      </section>
    </PublicLayout>
  );
}
