import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/http-client.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Help } from '../../shared/ui/feedback.tsx';
import { IconDownload } from '../../shared/ui/icons.tsx';
import { AppLayout } from '../layout/layouts.tsx';
import { useApi, useCanChange } from '../session/session-context.tsx';

/** Air-gapped computers: upload the app's request file, download the signed response file. */
export function OfflinePage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const canChange = useCanChange();
  const problemText = useProblemText();
  const [request, setRequest] = useState<{ name: string; text: string } | null>(null);
  const [result, setResult] = useState<{ url: string; filename: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setResult(null);
    setError(null);
    if (!file) return setRequest(null);
    if (file.size > 64 * 1024) return setError(t('offline.tooLarge'));
    setRequest({ name: file.name, text: await file.text() });
  };
  const submit = async () => {
    if (!request) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.offlineActivation(request.text);
      if (!answer.response || !answer.filename) {
        setError(i18n.exists(`errors.${answer.code}`) ? problemText(new ApiError({ status: 200, code: answer.code, detail: answer.detail })) : answer.detail);
        return;
      }
      const url = URL.createObjectURL(new Blob([answer.response], { type: 'application/json' }));
      setResult({ url, filename: answer.filename });
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppLayout title={t('offline.title')}>
      <p className="lead">{t('offline.intro')}</p>
      <section className="card">
        <ol className="steps big-steps">
          <li>{t('offline.step1')}</li>
          <li>
            <label htmlFor="request-file">{t('offline.step2')}</label>
            <input id="request-file" type="file" accept=".json,.req,.txt,application/json" onChange={(e) => void pick(e)} disabled={!canChange.allowed}
              aria-describedby="request-hint" />
            <p className="muted small" id="request-hint">{canChange.reason ?? t('offline.fileHint')}</p>
          </li>
          <li>
            <p>{t('offline.step3')}</p>
            <Button variant="primary" onClick={() => void submit()} busy={busy} disabled={!request || !canChange.allowed}>{t('offline.submit')}</Button>
          </li>
          <li>{t('offline.step4')}</li>
        </ol>
        {error ? <Alert tone="error">{error}</Alert> : null}
        {result ? (
          <Alert tone="success" title={t('offline.readyTitle')}>
            <p><a className="btn btn-primary" href={result.url} download={result.filename}><IconDownload /> <span>{t('offline.download', { filename: result.filename })}</span></a></p>
          </Alert>
        ) : null}
        <Help><p>{t('offline.help')}</p></Help>
      </section>
    </AppLayout>
  );
}
