import { useState } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import type { CatalogueProduct } from '../api/catalogue-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';
import './catalogue.css';
import { CatalogueDialog } from './catalogue-dialog.tsx';
import { productForm, type CatalogueContext } from './catalogue-forms.ts';

/** Only owners change the catalogue (the server decides; the console hides what others cannot use). */
export function useIsOwner(): boolean {
  return useStaffSession().session?.staff.role === 'owner';
}

const NO_PRODUCT: CatalogueContext = { product: { id: '', code: '', name: '', fingerprintSalt: '' }, features: [], policies: [], plans: [] };

/** The catalogue: every product with how many features, plans and policies it has. */
export function CataloguePage() {
  const t = useT();
  const { api } = useStaffSession();
  const owner = useIsOwner();
  const problemText = useProblemText();
  const { navigate } = useRouter();
  const [creating, setCreating] = useState(false);
  const data = useLoad(() => Promise.all([api.catalogue.products(), api.catalogue.features(), api.catalogue.plans(), api.catalogue.policies()]), []);
  const countOf = (items: { productId: string }[] | undefined, product: CatalogueProduct) => items?.filter((i) => i.productId === product.id).length ?? 0;
  const [products, features, plans, policies] = data.data ?? [];
  return (
    <AdminLayout title={t('catalogue.title')} actions={owner ? <Button variant="primary" onClick={() => setCreating(true)}>{t('catalogue.addProduct')}</Button> : undefined}>
      <p className="lead">{t('catalogue.intro')}</p>
      {owner ? null : <p className="muted">{t('catalogue.ownersOnly')}</p>}
      {data.error ? <Alert tone="error">{problemText(data.error)}</Alert> : null}
      <section className="card" aria-labelledby="products-title">
        <h2 id="products-title">{t('catalogue.products')}</h2>
        {!products ? <Loading /> : products.items.length === 0 ? <p className="empty">{t('catalogue.noProducts')}</p> : (
          <div className="table-scroll"><table className="table">
            <thead><tr>
              <th scope="col">{t('catalogue.product.title')}</th><th scope="col">{t('catalogue.code')}</th>
              <th scope="col" className="num">{t('catalogue.features')}</th><th scope="col" className="num">{t('catalogue.plans')}</th><th scope="col" className="num">{t('catalogue.policies')}</th>
            </tr></thead>
            <tbody>
              {products.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><Link to={`/catalogue/${encodeURIComponent(p.id)}`}>{p.name}</Link></th>
                  <td><code>{p.code}</code></td>
                  <td className="num">{countOf(features?.items, p)}</td>
                  <td className="num">{countOf(plans?.items, p)}</td>
                  <td className="num">{countOf(policies?.items, p)}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>
      {creating ? (
        <CatalogueDialog form={productForm} entity={null} ctx={NO_PRODUCT} title={t('catalogue.product.createTitle')}
          onClose={() => setCreating(false)} onSaved={(product) => navigate(`/catalogue/${encodeURIComponent(product.id)}?created=1`)} />
      ) : null}
    </AdminLayout>
  );
}
