import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconCheck, IconError, IconInfo, IconWarning } from './icons.tsx';

type Tone = 'info' | 'success' | 'warning' | 'error';
const ICONS: Record<Tone, () => ReactNode> = { info: IconInfo, success: IconCheck, warning: IconWarning, error: IconError };

/** A message in the page. Errors interrupt (role=alert); the others are announced politely. */
export function Alert({ tone = 'info', title, children, id }: { tone?: Tone; title?: ReactNode; children?: ReactNode; id?: string }) {
  const Icon = ICONS[tone];
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'} id={id}>
      <span className="alert-icon"><Icon /></span>
      <div>
        {title ? <p className="alert-title">{title}</p> : null}
        {children}
      </div>
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status"><span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}</p>
  );
}

/** Short help beside a step, opened on demand (a native disclosure, so keyboards and screen readers know it). */
export function Help({ summary, children }: { summary?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="help">
      <summary><IconInfo /> {summary ?? t('common.help')}</summary>
      <div className="help-body">{children}</div>
    </details>
  );
}
