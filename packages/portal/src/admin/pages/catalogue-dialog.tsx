import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api/http-client.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import type { Consequence, Impact } from '../api/catalogue-api.ts';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';
import { FIELDS } from './catalogue-fields.tsx';
import type { CatalogueContext, FieldErrors, FormSpec, FormValues } from './catalogue-forms.ts';
import { ImpactView } from './catalogue-impact-view.tsx';

export interface CatalogueDialogProps<E extends { id: string }> {
  form: FormSpec<E>;
  /** null creates a new one. */
  entity: E | null;
  ctx: CatalogueContext;
  title: string;
  /** Money in the preview is in this currency (the plan's). */
  currency?: string;
  onClose(): void;
  onSaved(saved: E): void;
}

/**
 * Creates or edits one item of the catalogue. An edit is first previewed: the server answers what the
 * change would affect, and the change is saved only when confirmed ("Save anyway" / "Back"). Field
 * errors from the server's problem+json are shown beside their fields. Mount it to open it.
 */
export function CatalogueDialog<E extends { id: string }>({ form, entity, ctx, title, currency = 'CAD', onClose, onSaved }: CatalogueDialogProps<E>) {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const creating = entity === null;
  const [values, setValues] = useState<FormValues>(() => form.initial(entity, ctx));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ patch: object; impact: Impact } | null>(null);
  const [busy, setBusy] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);
  // After a refusal, the first field to correct takes the focus (and scrolls into view).
  const [errorTick, setErrorTick] = useState(0);
  useEffect(() => {
    if (errorTick) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errorTick]);

  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
  };

  const fail = (caught: unknown) => {
    const problem = caught instanceof ApiError ? caught.problem : null;
    if (problem?.errors?.length) {
      const found: FieldErrors = {};
      let unplaced = false;
      for (const e of problem.errors) {
        const field = form.fieldOf(e.field);
        if (field) found[field] ??= form.serverText?.(field, e.message, t) ?? e.message;
        else unplaced = true;
      }
      setErrors(found);
      setMessage(unplaced ? problemText(caught) : t('catalogue.form.fixFields'));
      setPreview(null);
      setErrorTick((n) => n + 1);
    } else if (problem?.code === 'ALREADY_EXISTS' && creating) {
      setErrors({ code: t('catalogue.form.codeTaken') });
      setMessage(t('catalogue.form.fixFields'));
      setErrorTick((n) => n + 1);
    } else if (preview && Array.isArray(problem?.consequences)) {
      // Refused at save (something changed since the preview): show why in the preview.
      setPreview({ ...preview, impact: { ...preview.impact, consequences: problem.consequences as Consequence[], allowed: false } });
      setMessage(null);
    } else {
      setMessage(problemText(caught));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = form.validate(values, creating, t);
    setErrors(found);
    if (Object.keys(found).length) {
      setErrorTick((n) => n + 1);
      return setMessage(t('catalogue.form.fixFields'));
    }
    const patch = entity ? form.toPatch(entity, values, ctx) : null;
    if (patch && Object.keys(patch).length === 0) return setMessage(t('catalogue.form.nothingChanged'));
    setBusy(true);
    setMessage(null);
    try {
      if (patch && entity) setPreview({ patch, impact: await api.catalogue.impact(form.kind, entity.id, patch) });
      else onSaved(await api.catalogue.create<E>(form.kind, form.toCreate(values, ctx)));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!preview || !entity) return;
    setBusy(true);
    setMessage(null);
    try {
      onSaved(await api.catalogue.update<E>(form.kind, entity.id, preview.patch));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const Fields = FIELDS[form.kind];
  if (preview) {
    const warned = preview.impact.consequences.some((c) => c.severity !== 'info');
    return (
      <Dialog open wide title={title} onClose={onClose}
        footer={(
          <>
            {preview.impact.allowed
              ? <Button variant={warned ? 'danger' : 'primary'} busy={busy} onClick={() => void save()}>{t(warned ? 'catalogue.form.saveAnyway' : 'catalogue.form.save')}</Button>
              : null}
            <Button onClick={() => { setPreview(null); setMessage(null); }}>{t('catalogue.form.back')}</Button>
          </>
        )}>
        <h3 ref={previewHeading} tabIndex={-1} className="preview-heading">{t('catalogue.impact.title')}</h3>
        <p className="muted">{t('catalogue.impact.intro')}</p>
        {message ? <Alert tone="error">{message}</Alert> : null}
        <ImpactView impact={preview.impact} ctx={ctx} currency={currency} />
      </Dialog>
    );
  }
  return (
    <Dialog open wide title={title} onClose={onClose}>
      <form ref={formRef} onSubmit={submit} noValidate>
        {message ? <Alert tone="error">{message}</Alert> : null}
        <Fields values={values} set={set} errors={errors} creating={creating} ctx={ctx} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>{t(creating ? 'catalogue.form.create' : 'catalogue.form.review')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </div>
      </form>
    </Dialog>
  );
}
