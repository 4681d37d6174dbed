import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldFrame { label: ReactNode; hint?: ReactNode; error?: string | null }

function describedBy(ids: (string | false | undefined)[]) {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

function Frame({ id, label, hint, error, children }: FieldFrame & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      {children}
      {error ? <p className="field-error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

export function TextField({ label, hint, error, type = 'text', ...rest }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const input = (
    <input
      id={id}
      type={type === 'password' && shown ? 'text' : type}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy([hint !== undefined && `${id}-hint`, !!error && `${id}-error`])}
      {...rest}
    />
  );
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      {type === 'password' ? (
        <div className="password-input">
          {input}
          <button type="button" className="btn btn-quiet" aria-pressed={shown} aria-controls={id} onClick={() => setShown(!shown)}>
            {shown ? t('common.hidePassword') : t('common.showPassword')}
          </button>
        </div>
      ) : input}
    </Frame>
  );
}

export function TextArea({ label, hint, error, ...rest }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy([hint !== undefined && `${id}-hint`, !!error && `${id}-error`])} {...rest} />
    </Frame>
  );
}

export function SelectField({ label, hint, error, children, ...rest }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy([hint !== undefined && `${id}-hint`, !!error && `${id}-error`])} {...rest}>
        {children}
      </select>
    </Frame>
  );
}
