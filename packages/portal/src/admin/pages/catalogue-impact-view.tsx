import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { Link } from '../../shared/router/router.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import type { Consequence, Impact, Names } from '../api/catalogue-api.ts';
import { useT } from '../i18n/resources.ts';
import { formatDuration, localName } from './catalogue-format.ts';
import type { CatalogueContext } from './catalogue-forms.ts';
import { consequenceText, itemDetail, type Wording } from './catalogue-impact-text.ts';

const TONE = { info: 'info', warning: 'warning', blocking: 'error' } as const;
const DURATION_FIELDS = new Set(['checkInIntervalSeconds', 'leaseSeconds', 'heartbeatSeconds', 'resetWindowSeconds']);

function useWording(ctx: CatalogueContext): Wording {
  const t = useT();
  const { i18n } = useTranslation();
  return { t, exists: (key) => i18n.exists(key), language: useLanguage(), ctx };
}

/** A changed value as people read it: durations, money, names in both languages, slots by feature name. */
function describe(field: string, value: unknown, w: Wording, currency: string): string {
  const { t, language, ctx } = w;
  if (value === null || value === undefined) return field === 'termDays' ? t('catalogue.policy.noTerm') : '—';
  if (DURATION_FIELDS.has(field)) return formatDuration(Number(value), language);
  if (field === 'priceCents') return formatMoney(Number(value), currency, language);
  if (field === 'mode') return t(`catalogue.modes.${String(value)}`);
  if (field === 'period') return t(`catalogue.periods.${String(value)}`);
  if (field === 'policyId') return ctx.policies.find((p) => p.id === value)?.name ?? String(value);
  if (field === 'slots' && Array.isArray(value)) {
    return value.map((s: { featureId: string; quantity: number }) => {
      const feature = ctx.features.find((f) => f.id === s.featureId);
      return `${s.quantity} × ${feature ? localName(feature.name, language) : s.featureId}`;
    }).join(', ');
  }
  if (typeof value === 'object') {
    const names = value as Names;
    return names.fr ? `${names.en} / ${names.fr}` : names.en;
  }
  return String(value);
}

function featureName(code: string | undefined, w: Wording): string {
  const feature = w.ctx.features.find((f) => f.code === code);
  return feature ? localName(feature.name, w.language) : code ?? '—';
}

function ConsequenceBlock({ c, w }: { c: Consequence; w: Wording }) {
  const { title, detail } = consequenceText(c, w);
  const { t } = w;
  const hasDetail = c.items.some((item) => itemDetail(c, item, w));
  const hasSubject = c.items.some((item) => item.computer ?? item.license ?? item.feature);
  return (
    <li>
      <Alert tone={TONE[c.severity]}>
        <p>{title}</p>
        {detail ? <p>{detail}</p> : null}
        {c.items.length ? (
          <div className="table-scroll"><table className="table compact impact-items">
            <thead><tr>
              <th scope="col">{t('catalogue.impact.customer')}</th>
              {hasSubject ? <th scope="col">{t('catalogue.impact.licenseOrComputer')}</th> : null}
              {hasDetail ? <th scope="col">{t('catalogue.impact.detail')}</th> : null}
            </tr></thead>
            <tbody>
              {c.items.map((item, i) => (
                <tr key={`${item.customer.id}-${item.computer?.id ?? item.license?.id ?? i}`}>
                  <td><Link to={`/customers/${encodeURIComponent(item.customer.id)}`}>{item.customer.number} · {item.customer.name}</Link></td>
                  {hasSubject ? <td>{item.computer ? <strong>{item.computer.hostName}</strong> : item.license ? <code>{item.license.keyPrefix}…</code> : featureName(item.feature, w)}</td> : null}
                  {hasDetail ? <td>{itemDetail(c, item, w)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table></div>
        ) : null}
        {c.itemCount > c.items.length ? <p className="small muted">{t('catalogue.impact.more', { count: c.itemCount - c.items.length })}</p> : null}
      </Alert>
    </li>
  );
}

/** What a catalogue change would affect, as the server measured it: the changes, who uses it now, and each consequence with whom it names. */
export function ImpactView({ impact, ctx, currency }: { impact: Impact; ctx: CatalogueContext; currency: string }) {
  const w = useWording(ctx);
  const { t } = w;
  const u = impact.usage;
  return (
    <div className="impact">
      {impact.changes.length ? (
        <>
          <h3>{t('catalogue.impact.changes')}</h3>
          <div className="table-scroll"><table className="table compact">
            <thead><tr><th scope="col">{t('catalogue.impact.field')}</th><th scope="col">{t('catalogue.impact.before')}</th><th scope="col">{t('catalogue.impact.after')}</th></tr></thead>
            <tbody>
              {impact.changes.map((change) => (
                <tr key={change.field}>
                  <th scope="row">{w.exists(`catalogue.fields.${change.field}`) ? t(`catalogue.fields.${change.field}`) : change.field}</th>
                  <td className="muted">{describe(change.field, change.from, w, currency)}</td>
                  <td>{describe(change.field, change.to, w, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </>
      ) : null}
      <h3>{t('catalogue.impact.affects')}</h3>
      <dl className="details details-grid usage" aria-label={t('catalogue.impact.affects')}>
        {([['usageCustomers', u.customers], ['usageLicenses', u.licenses], ['usageSeats', u.seats], ['usageComputers', u.computers]] as const).map(([key, n]) => (
          <div key={key}><dt>{t(`catalogue.impact.${key}`)}</dt><dd className="strong">{n}</dd></div>
        ))}
      </dl>
      <ul className="plain-list impact-list">
        {impact.consequences.map((c, i) => <ConsequenceBlock key={`${c.code}-${i}`} c={c} w={w} />)}
      </ul>
      {impact.allowed ? null : <Alert tone="error" title={t('catalogue.impact.refusedTitle')}>{t('catalogue.impact.refused')}</Alert>}
    </div>
  );
}
