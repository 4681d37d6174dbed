import { useState, type FormEvent } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { TextField } from '../../shared/ui/field.tsx';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';

/** The search box: it leads to /customers?q=…, whose page lists the matches. */
export function CustomerSearch({ initial = '' }: { initial?: string }) {
  const t = useT();
  const { navigate } = useRouter();
  const [text, setText] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) navigate(`/customers?q=${encodeURIComponent(text.trim())}`);
  };
  return (
    <form className="inline-form" role="search" onSubmit={submit}>
      <TextField label={t('find.label')} type="search" value={text} onChange={(e) => setText(e.target.value)} autoFocus={!initial} />
      <Button type="submit" variant="primary">{t('find.submit')}</Button>
    </form>
  );
}

function Results({ q }: { q: string }) {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const found = useLoad(() => api.findCustomers(q), [q]);
  if (found.error) return <Alert tone="error">{problemText(found.error)}</Alert>;
  if (!found.data) return <Loading />;
  if (found.data.items.length === 0) return <p className="empty">{t('find.none', { q })}</p>;
  return (
    <div className="table-scroll"><table className="table">
      <thead><tr><th scope="col">{t('find.number')}</th><th scope="col">{t('find.name')}</th><th scope="col">{t('find.contact')}</th><th scope="col">{t('find.status')}</th></tr></thead>
      <tbody>
        {found.data.items.map((c) => (
          <tr key={c.id}>
            <td><code>{c.number}</code></td>
            <th scope="row"><Link to={`/customers/${c.id}`}>{c.name}</Link></th>
            <td>{[c.contactName, c.contactEmail].filter(Boolean).join(' · ')}</td>
            <td><span className={`badge ${c.status === 'active' ? 'badge-ok' : 'badge-danger'}`}>{t(`status.${c.status}`)}</span></td>
          </tr>
        ))}
      </tbody>
    </table></div>
  );
}

export function CustomersPage() {
  const t = useT();
  const { location } = useRouter();
  const q = location.query.get('q')?.trim() ?? '';
  return (
    <AdminLayout title={t('find.title')}>
      <section className="card">
        <CustomerSearch key={q} initial={q} />
        {q ? <Results q={q} /> : <p className="muted">{t('find.hint')}</p>}
      </section>
    </AdminLayout>
  );
}
