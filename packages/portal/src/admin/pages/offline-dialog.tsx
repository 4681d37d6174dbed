import { useEffect, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../shared/api/http-client.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { TextArea } from '../../shared/ui/field.tsx';
import { IconDownload } from '../../shared/ui/icons.tsx';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';

const MAX_FILE = 64 * 1024;

interface Ready { content: string; filename: string; url: string }

/** The error to show: translated for the codes this dialog knows, with a link to the customer whose computer it is. */
function useOfflineError(onLeave: () => void) {
  const t = useT();
  const problemText = useProblemText();
  return (caught: unknown) => {
    if (caught instanceof ApiError && caught.code === 'COMPUTER_OF_ANOTHER_CUSTOMER') {
      const p = caught.problem as { hostName?: string; customerNumber?: string; customerName?: string; customerId?: string };
      return (
        <>
          {t('offline.otherCustomer', { host: p.hostName ?? '', number: p.customerNumber ?? '', name: p.customerName ?? '' })}{' '}
          {p.customerId ? <Link to={`/customers/${encodeURIComponent(p.customerId)}`} onClick={onLeave}>{t('offline.openOther', { number: p.customerNumber ?? '' })}</Link> : null}
        </>
      );
    }
    if (caught instanceof ApiError && caught.code === 'VALIDATION_FAILED') return t('offline.notRequest');
    return problemText(caught);
  };
}

/**
 * Answer an air-gapped computer's activation request for this customer: staff paste or upload the
 * request file the customer sent, and get the response file to send back (the portal's offline
 * activation, done by the staff member).
 */
export function OfflineAnswerDialog({ customerId, onClose, onDone }: { customerId: string; onClose(): void; onDone(): void }) {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const explain = useOfflineError(onClose);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [ready, setReady] = useState<Ready | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReactNode>(null);
  useEffect(() => () => {
    if (ready) URL.revokeObjectURL(ready.url);
  }, [ready]);
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setError(null);
    if (!file) return;
    if (file.size > MAX_FILE) return setError(t('offline.tooLarge'));
    setFileName(file.name);
    setText(await file.text());
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError(t('offline.nothing'));
    setBusy(true);
    setError(null);
    try {
      const answer = await api.answerOfflineRequest(customerId, text);
      if (!answer.response || !answer.filename) {
        setError(problemText(new ApiError({ status: 200, code: answer.code, detail: answer.detail })));
        return;
      }
      setReady({ content: answer.response, filename: answer.filename, url: URL.createObjectURL(new Blob([answer.response], { type: 'application/json' })) });
      onDone();
    } catch (caught) {
      setError(explain(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open wide title={t('offline.title')} onClose={onClose}
      footer={ready ? <Button onClick={onClose}>{t('common.close')}</Button> : (
        <>
          <Button type="submit" form="offline-answer" variant="primary" busy={busy}>{t('offline.submit')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      )}>
      {ready ? (
        <>
          <Alert tone="success" title={t('offline.readyTitle')}>
            <p>{t('offline.readyIntro')}</p>
            <p><a className="btn btn-primary" href={ready.url} download={ready.filename}><IconDownload /> <span>{t('offline.download', { filename: ready.filename })}</span></a></p>
          </Alert>
          <TextArea label={t('offline.responseLabel')} readOnly rows={8} value={ready.content} className="code-text" onFocus={(e) => e.target.select()} />
        </>
      ) : (
        <form id="offline-answer" onSubmit={submit} noValidate>
          <p>{t('offline.intro')}</p>
          <div className="field">
            <label htmlFor="offline-request-file">{t('offline.fileLabel')}</label>
            <input id="offline-request-file" type="file" accept=".json,.req,.txt,application/json" onChange={(e) => void pick(e)} aria-describedby="offline-request-file-hint" />
            <p className="field-hint" id="offline-request-file-hint">{fileName ? t('offline.fileRead', { name: fileName }) : t('offline.fileHint')}</p>
          </div>
          <TextArea label={t('offline.pasteLabel')} rows={8} className="code-text" value={text} onChange={(e) => { setText(e.target.value); setFileName(null); setError(null); }} />
          {error ? <Alert tone="error">{error}</Alert> : null}
        </form>
      )}
    </Dialog>
  );
}
