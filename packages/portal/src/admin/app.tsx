import { useEffect, type ReactNode } from 'react';
import { useRouter } from '../shared/router/router.tsx';
import { Loading } from '../shared/ui/feedback.tsx';
import { useT } from './i18n/resources.ts';
import { AccountPage } from './pages/account-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { BillingPage } from './pages/billing-page.tsx';
import { CataloguePage } from './pages/catalogue-page.tsx';
import { CustomerPage } from './pages/customer-page.tsx';
import { CustomersPage } from './pages/customers-page.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { MailPage } from './pages/mail-page.tsx';
import { ProductPage } from './pages/product-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { StaffInvitationPage } from './pages/staff-invitation-page.tsx';
import { StaffPage } from './pages/staff-page.tsx';
import { SupportQueuePage } from './pages/support-page.tsx';
import { WebhooksPage } from './pages/webhooks-page.tsx';
import { useStaffSession } from './session/staff-session.tsx';

const PRIVATE: Record<string, () => ReactNode> = {
  '/dashboard': DashboardPage,
  '/customers': CustomersPage,
  '/catalogue': CataloguePage,
  '/support': SupportQueuePage,
  '/mail': MailPage,
  '/webhooks': WebhooksPage,
  '/audit': AuditPage,
  '/billing': BillingPage,
  '/staff': StaffPage,
  '/account': AccountPage,
};

function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}

/** Which page a path shows: the sign-in page until someone is signed in. */
export function App() {
  const t = useT();
  const { status } = useStaffSession();
  const { location } = useRouter();
  const path = location.path.replace(/\/+$/, '') || '/';
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  // An invitation's link works whoever is signed in here: accepting it signs in as the invitee.
  if (path === '/accept-invitation') return <StaffInvitationPage />;
  if (status === 'loading') return <main id="main" className="public-main"><Loading /></main>;
  if (status !== 'signed-in') return path === '/' ? <SignInPage /> : <Redirect to="/" />;
  const customer = /^\/customers\/([^/]+)$/.exec(path);
  if (customer) return <CustomerPage key={customer[1]} id={decodeURIComponent(customer[1])} />;
  const product = /^\/catalogue\/([^/]+)$/.exec(path);
  if (product) return <ProductPage key={product[1]} id={decodeURIComponent(product[1])} />;
  const Page = PRIVATE[path];
  return Page ? <Page /> : <Redirect to="/dashboard" />;
}
