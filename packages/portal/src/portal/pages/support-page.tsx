import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextArea, TextField } from '../../shared/ui/field.tsx';
import { AppLayout, PublicLayout } from '../layout/layouts.tsx';
import { useSession } from '../session/session-context.tsx';

/** "Other questions? Send a request": with a session the customer and user go with it; without, a name and email. */
export function SupportPage() {
  const { t } = useTranslation();
  const { api, session } = useSession();
  const problemText = useProblemText();
  const [form, setForm] = useState({ name: '', email: '', subject: '', message: '' });
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sentId, setSentId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  const needed = session ? (['subject', 'message'] as const) : (['name', 'email', 'subject', 'message'] as const);
  const missing = (field: keyof typeof form) => (shown && !form[field].trim() ? t('fields.required') : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (needed.some((field) => !form[field].trim())) return;
    setBusy(true);
    setError(null);
    try {
      const body = session ? { subject: form.subject.trim(), message: form.message.trim() } : { ...form };
      setSentId((await api.supportRequest(body)).id);
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  const content = sentId ? (
    <Alert tone="success" title={t('support.sentTitle')}>{t('support.sent')}</Alert>
  ) : (
    <form className="card" onSubmit={submit} noValidate>
      <p>{session ? t('support.introSignedIn', { customer: session.customer.name }) : t('support.intro')}</p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {session ? null : (
        <>
          <TextField label={t('fields.yourName')} autoComplete="name" value={form.name} onChange={set('name')} error={missing('name')} />
          <TextField label={t('fields.email')} type="email" autoComplete="email" value={form.email} onChange={set('email')} error={missing('email')} />
        </>
      )}
      <TextField label={t('support.subject')} value={form.subject} onChange={set('subject')} error={missing('subject')} maxLength={200} />
      <TextArea label={t('support.message')} rows={6} value={form.message} onChange={set('message')} error={missing('message')} hint={t('support.messageHint')} />
      <div className="form-actions"><Button type="submit" variant="primary" busy={busy}>{t('support.submit')}</Button></div>
    </form>
  );
  return session ? <AppLayout title={t('support.title')}>{content}</AppLayout> : <PublicLayout title={t('support.title')}>{content}</PublicLayout>;
}
