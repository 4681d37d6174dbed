import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextArea, TextField } from '../../shared/ui/field.tsx';
import { PublicLayout } from '../layout/layouts.tsx';
import { useSession } from '../session/session-context.tsx';

type RecoverForm = { name: string; businessName: string; address: string; email: string };

/** "I don't know my registration details": the same answer whether or not a customer matches. */
export function RecoverRegistrationPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useSession();
  const problemText = useProblemText();
  const [form, setForm] = useState<RecoverForm>({ name: '', businessName: '', address: '', email: '' });
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [received, setReceived] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (field: keyof RecoverForm) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  const missing = (field: keyof RecoverForm) => (shown && !form[field].trim() ? t('fields.required') : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (Object.values(form).some((value) => !value.trim())) return;
    setBusy(true);
    setError(null);
    try {
      await api.recoverRegistration({ ...form, locale: language });
      setReceived(true);
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicLayout title={t('recover.title')}>
      {received ? (
        <Alert tone="success" title={t('recover.receivedTitle')}><p>{t('recover.received')}</p></Alert>
      ) : (
        <form className="card" onSubmit={submit} noValidate>
          <p>{t('recover.intro')}</p>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <TextField label={t('fields.yourName')} autoComplete="name" value={form.name} onChange={set('name')} error={missing('name')} />
          <TextField label={t('fields.businessName')} autoComplete="organization" value={form.businessName} onChange={set('businessName')} error={missing('businessName')} />
          <TextArea label={t('fields.address')} autoComplete="street-address" rows={3} value={form.address} onChange={set('address')} error={missing('address')}
            hint={t('recover.addressHint')} />
          <TextField label={t('fields.email')} type="email" autoComplete="email" value={form.email} onChange={set('email')} error={missing('email')} />
          <div className="form-actions"><Button type="submit" variant="primary" busy={busy}>{t('recover.submit')}</Button></div>
        </form>
      )}
      <p><Link to="/">{t('register.backToLogon')}</Link></p>
    </PublicLayout>
  );
}

/** The emailed link to re-issue the registration key: shows the new details once. */
export function ReissuePage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const { location } = useRouter();
  const problemText = useProblemText();
  const token = location.query.get('token') ?? '';
  const [details, setDetails] = useState<{ customerNumber: string; registrationKey: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setDetails(await api.confirmReissue(token));
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicLayout title={t('reissue.title')}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {details ? (
        <section className="card">
          <Alert tone="warning">{t('reissue.onlyOnce')}</Alert>
          <dl className="details">
            <dt>{t('fields.customerNumber')}</dt><dd><code>{details.customerNumber}</code></dd>
            <dt>{t('fields.registrationKey')}</dt><dd><code>{details.registrationKey}</code></dd>
          </dl>
          <p>{t('reissue.next')}</p>
          <p><Link to="/">{t('reissue.logOn')}</Link></p>
        </section>
      ) : (
        <section className="card">
          <p>{t('reissue.intro')}</p>
          <Button variant="primary" busy={busy} disabled={!token} onClick={() => void reveal()}>{t('reissue.reveal')}</Button>
        </section>
      )}
    </PublicLayout>
  );
}
