import { useTranslation } from 'react-i18next';
import { useLoad } from '../../shared/api/use-load.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { Alert, Help, Loading } from '../../shared/ui/feedback.tsx';
import { AppLayout } from '../layout/layouts.tsx';
import { ComputerLicenseCard } from '../licenses/computer-license-card.tsx';
import { isComputerLicense } from '../licenses/computer-licenses.ts';
import { useApi, useSession } from '../session/session-context.tsx';

/** "Your licenses" (seed 000 step 4, seed 001): each license and the computer it is allocated to. */
export function LicensesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const { location } = useRouter();
  const problemText = useProblemText();
  const loaded = useLoad(async () => {
    const [licenses, events, plans] = await Promise.all([
      api.licenses(),
      api.events(null, 200),
      api.plans().catch(() => null),
    ]);
    return { licenses: licenses.items, events: events.items, plans: plans?.items ?? null, now: Date.now() };
  });
  const data = loaded.data;
  const live = data?.licenses.filter((l) => l.status !== 'cancelled') ?? [];
  const computers = data ? live.filter((l) => isComputerLicense(l, data.plans)) : [];
  const others = live.length - computers.length;

  return (
    <AppLayout title={t('licenses.title')}>
      {location.query.get('welcome') ? (
        <Alert tone="success" title={t('licenses.welcomeTitle')}>
          {location.query.get('welcome') === 'viewer' && session?.user.role === 'viewer'
            ? t('licenses.welcomeViewer', { customer: session.customer.name })
            : t('licenses.welcome')}
        </Alert>
      ) : null}
      <div className="intro-row">
        <p className="lead">{t('licenses.intro')}</p>
        <Help summary={t('licenses.helpSummary')}>
          <p>{t('licenses.help1')}</p>
          <p>{t('licenses.help2')}</p>
        </Help>
      </div>
      {loaded.error ? <Alert tone="error">{problemText(loaded.error)}</Alert> : null}
      {!data && loaded.loading ? <Loading /> : null}
      {data ? (
        <>
          {computers.length === 0 ? <p className="empty">{t('licenses.none')}</p> : null}
          <div className="license-list">
            {computers.map((license, index) => (
              <ComputerLicenseCard key={license.id} license={license} index={index} events={data.events} customerNumber={session?.customer.number ?? ''}
                now={data.now} onChanged={loaded.reload} />
            ))}
          </div>
          {others > 0 ? (
            <p className="card-note">{t('licenses.others', { count: others })} <Link to="/management">{t('nav.management')}</Link></p>
          ) : null}
        </>
      ) : null}
    </AppLayout>
  );
}
