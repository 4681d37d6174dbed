import { useState, type FormEvent } from 'react';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';

/** The staff member's own account: turning on two-step sign-in (TOTP). */
export function AccountPage() {
  const t = useT();
  const { api, session, signedIn } = useStaffSession();
  const problemText = useProblemText();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!session) return null;
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const staff = await api.confirmTotp(code.trim());
      signedIn({ ...session, staff });
      setEnrolment(null);
    });
  };
  return (
    <AdminLayout title={t('account.title')} subtitle={`${session.staff.name} · ${session.staff.email}`}>
      <section className="card">
        {error ? <Alert tone="error">{problemText(error)}</Alert> : null}
        {session.staff.totpEnabled ? <Alert tone="success">{t('account.totpOn')}</Alert> : enrolment ? (
          <form onSubmit={confirm} noValidate>
            <p>{t('account.secretIntro')}</p>
            <dl className="details">
              <dt>{t('account.secret')}</dt><dd><code className="totp-secret">{enrolment.secret}</code></dd>
              <dt>{t('account.link')}</dt><dd><a href={enrolment.otpauthUri}>{enrolment.otpauthUri.split('?')[0]}</a></dd>
            </dl>
            <TextField label={t('signIn.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value)} />
            <div className="form-actions"><Button type="submit" variant="primary" busy={busy}>{t('account.confirm')}</Button></div>
          </form>
        ) : (
          <>
            <Alert tone="warning">{t('account.totpOff')}</Alert>
            <div className="form-actions"><Button variant="primary" busy={busy} onClick={() => void run(async () => setEnrolment(await api.beginTotp()))}>{t('account.start')}</Button></div>
          </>
        )}
      </section>
    </AdminLayout>
  );
}
