import { useState } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { SelectField } from '../../shared/ui/field.tsx';
import type { Mail } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useCanChange, useStaffSession } from '../session/staff-session.tsx';

const STATUS_CLASS = { pending: 'badge-warning', sending: 'badge-neutral', sent: 'badge-ok', failed: 'badge-danger' } as const;

/** The outbox: every mail as it is (or was) sent, its status, and sending it again. */
export function MailPage() {
  const t = useT();
  const language = useLanguage();
  const { api } = useStaffSession();
  const canChange = useCanChange();
  const problemText = useProblemText();
  const [status, setStatus] = useState('');
  const [viewing, setViewing] = useState<Mail | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const mail = useLoad(() => api.mail(status || undefined), [status]);
  const retry = async (m: Mail) => {
    setBusy(m.id);
    setError(null);
    try {
      const after = await api.retryMail(m.id);
      setNotice(t('mail.retried', { status: t(`status.${after.status}`) }));
      await mail.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <AdminLayout title={t('mail.title')}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error || mail.error ? <Alert tone="error">{problemText(error ?? mail.error)}</Alert> : null}
      <section className="card">
        <div className="inline-form">
          <SelectField label={t('mail.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('mail.all')}</option>
            {(['pending', 'sending', 'sent', 'failed'] as const).map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </SelectField>
        </div>
        {!mail.data ? <Loading /> : mail.data.items.length === 0 ? <p className="empty">{t('mail.empty')}</p> : (
          <div className="table-scroll"><table className="table">
            <thead><tr><th scope="col">{t('mail.created')}</th><th scope="col">{t('mail.to')}</th><th scope="col">{t('mail.subject')}</th><th scope="col">{t('mail.status')}</th><th scope="col" className="num">{t('mail.attempts')}</th><th scope="col" className="actions">{t('customer.actions')}</th></tr></thead>
            <tbody>
              {mail.data.items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt, language)}</td>
                  <td>{m.to}</td>
                  <th scope="row">{m.subject}</th>
                  <td><span className={`badge ${STATUS_CLASS[m.status]}`}>{t(`status.${m.status}`)}</span>{m.lastError ? <p className="small muted">{t('mail.lastError', { error: m.lastError })}</p> : null}</td>
                  <td className="num">{m.attempts}</td>
                  <td className="actions">
                    <Button variant="quiet" onClick={() => setViewing(m)} aria-label={`${t('mail.view')}: ${m.subject}`}>{t('mail.view')}</Button>
                    {m.status !== 'sent' && m.status !== 'sending' && canChange ? <Button busy={busy === m.id} onClick={() => void retry(m)}>{t('mail.retry')}</Button> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>
      <Dialog open={viewing !== null} wide title={t('mail.viewTitle', { to: viewing?.to ?? '' })} onClose={() => setViewing(null)}
        footer={<Button onClick={() => setViewing(null)}>{t('common.close')}</Button>}>
        {viewing ? (
          <>
            <p className="strong">{viewing.subject}</p>
            <pre className="mail-text">{viewing.text}</pre>
          </>
        ) : null}
      </Dialog>
    </AdminLayout>
  );
}
