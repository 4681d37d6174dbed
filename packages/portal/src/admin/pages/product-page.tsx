import { useState } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatMoney } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import type { CatalogueFeature, CataloguePlan, CataloguePolicy } from '../api/catalogue-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';
import './catalogue.css';
import { CatalogueDialog } from './catalogue-dialog.tsx';
import { formatDuration, localName } from './catalogue-format.ts';
import { featureForm, planForm, policyForm, productForm, type CatalogueContext } from './catalogue-forms.ts';
import { useIsOwner } from './catalogue-page.tsx';
import { UpgradeDialog } from './catalogue-upgrade-dialog.tsx';

type Editing =
  | { kind: 'product' }
  | { kind: 'feature'; entity: CatalogueFeature | null }
  | { kind: 'policy'; entity: CataloguePolicy | null }
  | { kind: 'plan'; entity: CataloguePlan | null }
  | { kind: 'upgrade'; entity: CataloguePlan };

function SectionHead({ id, title, add, onAdd }: { id: string; title: string; add: string; onAdd?: () => void }) {
  return (
    <div className="table-head">
      <h2 id={id}>{title}</h2>
      {onAdd ? <Button onClick={onAdd}>{add}</Button> : null}
    </div>
  );
}

function Plans({ ctx, onEdit }: { ctx: CatalogueContext; onEdit?: (e: Editing) => void }) {
  const t = useT();
  const language = useLanguage();
  const name = (plan: CataloguePlan) => localName(plan.name, language);
  return (
    <section className="card" aria-labelledby="plans-title">
      <SectionHead id="plans-title" title={t('catalogue.plans')} add={t('catalogue.addPlan')} onAdd={onEdit && ctx.policies.length ? () => onEdit({ kind: 'plan', entity: null }) : undefined} />
      {ctx.plans.length === 0 ? <p className="empty">{t(ctx.policies.length ? 'catalogue.plan.none' : 'catalogue.plan.needsPolicy')}</p> : (
        <div className="table-scroll"><table className="table">
          <thead><tr>
            <th scope="col">{t('catalogue.plan.title')}</th><th scope="col">{t('catalogue.plan.slots')}</th><th scope="col" className="num">{t('catalogue.plan.price')}</th>
            <th scope="col">{t('catalogue.plan.policy')}</th><th scope="col">{t('catalogue.plan.upgradesTo')}</th>
            {onEdit ? <th scope="col" className="actions">{t('customer.actions')}</th> : null}
          </tr></thead>
          <tbody>
            {ctx.plans.map((plan) => (
              <tr key={plan.id}>
                <th scope="row">{name(plan)}<br /><code className="small">{plan.code}</code></th>
                <td><ul className="slot-list">{plan.slots.map((s) => {
                  const feature = ctx.features.find((f) => f.id === s.featureId);
                  return <li key={s.featureId}>{s.quantity} × {feature ? localName(feature.name, language) : s.featureId}</li>;
                })}</ul></td>
                <td className="num">{formatMoney(plan.priceCents, plan.currency, language)}<br /><span className="small muted">{t(`catalogue.periods.per_${plan.period}`)}</span></td>
                <td>{ctx.policies.find((p) => p.id === plan.policyId)?.name ?? '—'}</td>
                <td>{plan.upgradesTo.length ? plan.upgradesTo.map((id) => ctx.plans.find((p) => p.id === id)).filter(Boolean).map((p) => name(p!)).join(', ') : <span className="muted">{t('catalogue.none')}</span>}</td>
                {onEdit ? (
                  <td className="actions"><div className="stacked-actions">
                    <Button variant="quiet" onClick={() => onEdit({ kind: 'plan', entity: plan })} aria-label={`${t('catalogue.edit')} ${name(plan)}`}>{t('catalogue.edit')}</Button>
                    {ctx.plans.length > 1 ? <Button variant="quiet" onClick={() => onEdit({ kind: 'upgrade', entity: plan })} aria-label={`${t('catalogue.upgradePaths')} ${name(plan)}`}>{t('catalogue.upgradePaths')}</Button> : null}
                  </div></td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

function Features({ ctx, onEdit }: { ctx: CatalogueContext; onEdit?: (e: Editing) => void }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="features-title">
      <SectionHead id="features-title" title={t('catalogue.features')} add={t('catalogue.addFeature')} onAdd={onEdit ? () => onEdit({ kind: 'feature', entity: null }) : undefined} />
      {ctx.features.length === 0 ? <p className="empty">{t('catalogue.feature.none')}</p> : (
        <div className="table-scroll"><table className="table">
          <thead><tr>
            <th scope="col">{t('catalogue.form.nameEn')}</th><th scope="col">{t('catalogue.form.nameFr')}</th><th scope="col">{t('catalogue.code')}</th><th scope="col">{t('catalogue.feature.seatKind')}</th>
            {onEdit ? <th scope="col" className="actions">{t('customer.actions')}</th> : null}
          </tr></thead>
          <tbody>
            {ctx.features.map((f) => (
              <tr key={f.id}>
                <th scope="row">{f.name.en}</th>
                <td lang="fr-CA">{f.name.fr ?? <span className="muted">—</span>}</td>
                <td><code>{f.code}</code></td>
                <td>{f.seatKind}</td>
                {onEdit ? <td className="actions"><Button variant="quiet" onClick={() => onEdit({ kind: 'feature', entity: f })} aria-label={`${t('catalogue.rename')} ${f.name.en}`}>{t('catalogue.rename')}</Button></td> : null}
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

function Policies({ ctx, onEdit }: { ctx: CatalogueContext; onEdit?: (e: Editing) => void }) {
  const t = useT();
  const language = useLanguage();
  const d = (seconds: number) => formatDuration(seconds, language);
  return (
    <section className="card" aria-labelledby="policies-title">
      <SectionHead id="policies-title" title={t('catalogue.policies')} add={t('catalogue.addPolicy')} onAdd={onEdit ? () => onEdit({ kind: 'policy', entity: null }) : undefined} />
      {ctx.policies.length === 0 ? <p className="empty">{t('catalogue.policy.none')}</p> : (
        <div className="table-scroll"><table className="table">
          <thead><tr>
            <th scope="col">{t('catalogue.name')}</th><th scope="col">{t('catalogue.policy.mode')}</th><th scope="col">{t('catalogue.policy.checkIn')}</th>
            <th scope="col">{t('catalogue.policy.lease')}</th><th scope="col">{t('catalogue.policy.tolerance')}</th><th scope="col">{t('catalogue.policy.resets')}</th>
            <th scope="col">{t('catalogue.policy.term')}</th>{onEdit ? <th scope="col" className="actions">{t('customer.actions')}</th> : null}
          </tr></thead>
          <tbody>
            {ctx.policies.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td className="nowrap">{t(`catalogue.modes.${p.mode}`)}{p.mode === 'floating' ? <><br /><span className="small muted">{t('catalogue.policy.heartbeatEvery', { duration: d(p.heartbeatSeconds) })}</span></> : null}</td>
                <td>{d(p.checkInIntervalSeconds)}</td>
                <td>{d(p.leaseSeconds)}</td>
                <td>{p.minComponents === 0 ? t('catalogue.policy.toleranceNoMinimum', { tolerance: p.fingerprintTolerance }) : t('catalogue.policy.toleranceOf', { tolerance: p.fingerprintTolerance, min: p.minComponents })}</td>
                <td>{p.resetLimit === 0 ? t('catalogue.policy.resetsOff') : t('catalogue.impact.budget', { limit: p.resetLimit, window: d(p.resetWindowSeconds) })}</td>
                <td className="nowrap">{p.termDays === null ? t('catalogue.policy.noTerm') : t('catalogue.policy.termOf', { count: p.termDays })}</td>
                {onEdit ? <td className="actions"><Button variant="quiet" onClick={() => onEdit({ kind: 'policy', entity: p })} aria-label={`${t('catalogue.edit')} ${p.name}`}>{t('catalogue.edit')}</Button></td> : null}
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

/** One product: its plans (slots, price, upgrade paths), features and policies, and for owners the forms that change them. */
export function ProductPage({ id }: { id: string }) {
  const t = useT();
  const language = useLanguage();
  const { api } = useStaffSession();
  const owner = useIsOwner();
  const problemText = useProblemText();
  const { location } = useRouter();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<{ key: string; vars?: Record<string, unknown> } | null>(location.query.get('created') ? { key: 'catalogue.product.created' } : null);
  const data = useLoad(async (): Promise<CatalogueContext> => {
    const product = await api.catalogue.product(id);
    const [features, policies, plans] = await Promise.all([api.catalogue.features(product.id), api.catalogue.policies(product.id), api.catalogue.plans(product.id)]);
    return { product, features: features.items, policies: policies.items, plans: plans.items };
  }, [id]);
  const ctx = data.data;
  if (!ctx) return <AdminLayout title={t('catalogue.title')}>{data.error ? <Alert tone="error">{problemText(data.error)}</Alert> : <Loading />}</AdminLayout>;

  const saved = async (name: string) => {
    setEditing(null);
    setNotice(null);
    await data.reload();
    setNotice({ key: 'catalogue.saved', vars: { name } });
  };
  const edit = owner ? (e: Editing) => { setNotice(null); setEditing(e); } : undefined;
  const close = () => setEditing(null);
  return (
    <AdminLayout title={ctx.product.name}
      subtitle={<><Link to="/catalogue">{t('catalogue.back')}</Link> · <code>{ctx.product.code}</code> · {t('catalogue.product.salt')} <code>{ctx.product.fingerprintSalt}</code></>}
      actions={owner ? <Button onClick={() => edit?.({ kind: 'product' })}>{t('catalogue.product.rename')}</Button> : undefined}>
      {notice ? <Alert tone="success">{t(notice.key, notice.vars)}</Alert> : null}
      {owner ? null : <p className="muted">{t('catalogue.ownersOnly')}</p>}
      <Plans ctx={ctx} onEdit={edit} />
      <Features ctx={ctx} onEdit={edit} />
      <Policies ctx={ctx} onEdit={edit} />
      {editing?.kind === 'product' ? (
        <CatalogueDialog form={productForm} entity={ctx.product} ctx={ctx} title={t('catalogue.product.editTitle', { name: ctx.product.name })} onClose={close} onSaved={(p) => saved(p.name)} />
      ) : null}
      {editing?.kind === 'feature' ? (
        <CatalogueDialog form={featureForm} entity={editing.entity} ctx={ctx} onClose={close} onSaved={(f) => saved(f.name.en)}
          title={editing.entity ? t('catalogue.feature.editTitle', { name: editing.entity.name.en }) : t('catalogue.feature.createTitle')} />
      ) : null}
      {editing?.kind === 'policy' ? (
        <CatalogueDialog form={policyForm} entity={editing.entity} ctx={ctx} onClose={close} onSaved={(p) => saved(p.name)}
          title={editing.entity ? t('catalogue.policy.editTitle', { name: editing.entity.name }) : t('catalogue.policy.createTitle')} />
      ) : null}
      {editing?.kind === 'plan' ? (
        <CatalogueDialog form={planForm} entity={editing.entity} ctx={{ ...ctx, plans: ctx.plans.filter((p) => p.id !== editing.entity?.id) }} currency={editing.entity?.currency}
          onClose={close} onSaved={(p) => saved(localName(p.name, language))}
          title={editing.entity ? t('catalogue.plan.editTitle', { name: localName(editing.entity.name, language) }) : t('catalogue.plan.createTitle')} />
      ) : null}
      {editing?.kind === 'upgrade' ? <UpgradeDialog plan={editing.entity} plans={ctx.plans} onClose={close} onSaved={(p) => saved(localName(p.name, language))} /> : null}
    </AdminLayout>
  );
}
