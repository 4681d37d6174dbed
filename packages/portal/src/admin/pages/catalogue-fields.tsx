import type { ReactNode } from 'react';
import { formatMoney } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { SelectField, TextField } from '../../shared/ui/field.tsx';
import type { CatalogueKind } from '../api/catalogue-api.ts';
import { useT } from '../i18n/resources.ts';
import { localName } from './catalogue-format.ts';
import { slotKey, upgradeKey, type CatalogueContext, type FieldErrors, type FormValues } from './catalogue-forms.ts';

export interface FieldsProps {
  values: FormValues;
  set(name: string, value: string): void;
  errors: FieldErrors;
  creating: boolean;
  ctx: CatalogueContext;
}

/** A text input bound to one value of the form, with its error beside it. */
function Text({ name, label, hint, props, numeric }: { name: string; label: string; hint?: ReactNode; props: FieldsProps; numeric?: boolean }) {
  return (
    <TextField label={label} hint={hint} error={props.errors[name]} value={props.values[name] ?? ''} onChange={(e) => props.set(name, e.target.value)}
      name={name} autoComplete="off" spellCheck={false} {...(numeric ? { inputMode: 'decimal' as const } : {})} />
  );
}

function Names({ props }: { props: FieldsProps }) {
  const t = useT();
  return (
    <div className="form-grid">
      <Text name="nameEn" label={t('catalogue.form.nameEn')} props={props} />
      <Text name="nameFr" label={t('catalogue.form.nameFr')} hint={t('catalogue.form.nameFrHint')} props={props} />
    </div>
  );
}

function ProductFields(props: FieldsProps) {
  const t = useT();
  return (
    <>
      {props.creating ? <Text name="code" label={t('catalogue.code')} hint={t('catalogue.form.codeHint')} props={props} /> : null}
      <Text name="name" label={t('catalogue.name')} props={props} />
    </>
  );
}

function FeatureFields(props: FieldsProps) {
  const t = useT();
  return (
    <>
      {props.creating ? <Text name="code" label={t('catalogue.code')} hint={t('catalogue.form.codeHint')} props={props} /> : null}
      <Names props={props} />
      {props.creating
        ? <Text name="seatKind" label={t('catalogue.feature.seatKind')} hint={t('catalogue.feature.seatKindHint')} props={props} />
        : <p className="muted small">{t('catalogue.feature.fixed', { code: props.values.code, kind: props.values.seatKind })}</p>}
    </>
  );
}

function PolicyFields(props: FieldsProps) {
  const t = useT();
  const { values, set, errors } = props;
  return (
    <>
      <Text name="name" label={t('catalogue.name')} hint={t('catalogue.policy.nameHint')} props={props} />
      <SelectField label={t('catalogue.policy.mode')} hint={t('catalogue.policy.modeHint')} value={values.mode} error={errors.mode} onChange={(e) => set('mode', e.target.value)}>
        <option value="node_locked">{t('catalogue.modes.node_locked')}</option>
        <option value="floating">{t('catalogue.modes.floating')}</option>
      </SelectField>
      <div className="form-grid">
        <Text name="checkInIntervalSeconds" numeric label={t('catalogue.policy.checkInHours')} props={props} />
        <Text name="leaseSeconds" numeric label={t('catalogue.policy.leaseDays')} hint={t('catalogue.policy.leaseHint')} props={props} />
        <Text name="heartbeatSeconds" numeric label={t('catalogue.policy.heartbeatMinutes')} hint={t('catalogue.policy.heartbeatHint')} props={props} />
        <Text name="fingerprintTolerance" numeric label={t('catalogue.policy.tolerance')} hint={t('catalogue.policy.toleranceHint')} props={props} />
        <Text name="minComponents" numeric label={t('catalogue.policy.minComponents')} props={props} />
        <Text name="resetLimit" numeric label={t('catalogue.policy.resetLimit')} hint={t('catalogue.policy.resetLimitHint')} props={props} />
        <Text name="resetWindowSeconds" numeric label={t('catalogue.policy.resetWindowDays')} props={props} />
        <Text name="termDays" numeric label={t('catalogue.policy.termDays')} hint={t('catalogue.policy.termHint')} props={props} />
      </div>
    </>
  );
}

function PlanFields(props: FieldsProps) {
  const t = useT();
  const language = useLanguage();
  const { values, set, errors, ctx } = props;
  return (
    <>
      {props.creating ? <Text name="code" label={t('catalogue.code')} hint={t('catalogue.form.codeHint')} props={props} /> : null}
      <Names props={props} />
      <div className="form-grid">
        <Text name="price" numeric label={t('catalogue.plan.price')} props={props} />
        <Text name="currency" label={t('catalogue.plan.currency')} props={props} />
        <SelectField label={t('catalogue.plan.period')} value={values.period} error={errors.period} onChange={(e) => set('period', e.target.value)}>
          <option value="month">{t('catalogue.periods.month')}</option>
          <option value="year">{t('catalogue.periods.year')}</option>
        </SelectField>
      </div>
      <SelectField label={t('catalogue.plan.policy')} hint={t('catalogue.plan.policyHint')} value={values.policyId} error={errors.policyId} onChange={(e) => set('policyId', e.target.value)}>
        {ctx.policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </SelectField>
      <fieldset className="slot-fields" aria-describedby={errors.slots ? 'slots-error' : undefined}>
        <legend>{t('catalogue.plan.slots')}</legend>
        <p className="field-hint">{t('catalogue.plan.slotsHint')}</p>
        <div className="form-grid">
          {ctx.features.map((f) => (
            <Text key={f.id} name={slotKey(f.id)} numeric label={t('catalogue.plan.slotOf', { feature: localName(f.name, language), kind: f.seatKind })} props={props} />
          ))}
        </div>
        {errors.slots ? <p className="field-error" id="slots-error">{errors.slots}</p> : null}
      </fieldset>
      {props.creating && ctx.plans.length ? (
        <fieldset className="slot-fields">
          <legend>{t('catalogue.plan.upgradesTo')}</legend>
          {ctx.plans.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" checked={values[upgradeKey(p.id)] === 'true'} onChange={(e) => set(upgradeKey(p.id), e.target.checked ? 'true' : '')} />
              {' '}{localName(p.name, language)} <span className="muted">({formatMoney(p.priceCents, p.currency, language)} {t(`catalogue.periods.per_${p.period}`)})</span>
            </label>
          ))}
          {errors.upgrades ? <p className="field-error">{errors.upgrades}</p> : null}
        </fieldset>
      ) : null}
    </>
  );
}

export const FIELDS: Record<CatalogueKind, (props: FieldsProps) => ReactNode> = {
  products: ProductFields, features: FeatureFields, policies: PolicyFields, plans: PlanFields,
};
