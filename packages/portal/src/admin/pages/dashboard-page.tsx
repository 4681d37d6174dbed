import { useLoad } from '../../shared/api/use-load.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import type { Dashboard } from '../api/admin-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';
import { CustomerSearch } from './customers-page.tsx';

const TILES: { key: keyof Dashboard; warn?: boolean }[] = [
  { key: 'activeLicenses' }, { key: 'activations' }, { key: 'checkInsToday' },
  { key: 'failedCheckInsToday', warn: true }, { key: 'resetsThisWeek' }, { key: 'resourcesInWarning', warn: true },
];

export function DashboardPage() {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const counts = useLoad(() => api.dashboard());
  return (
    <AdminLayout title={t('dashboard.title')}>
      {counts.error ? <Alert tone="error">{problemText(counts.error)}</Alert> : null}
      {counts.data ? (
        <ul className="stat-tiles">
          {TILES.map(({ key, warn }) => (
            <li key={key} className={`card stat-tile${warn && counts.data![key] > 0 ? ' stat-warn' : ''}`}>
              <span className="stat-value">{counts.data![key]}</span>
              <span className="stat-label">{t(`dashboard.${key}`)}</span>
            </li>
          ))}
        </ul>
      ) : counts.loading ? <Loading /> : null}
      <section className="card" aria-labelledby="find-title">
        <h2 id="find-title">{t('dashboard.findTitle')}</h2>
        <CustomerSearch />
      </section>
    </AdminLayout>
  );
}
