import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../shared/router/router.tsx';
import { Loading } from '../shared/ui/feedback.tsx';
import { AcceptInvitationPage } from './pages/accept-invitation-page.tsx';
import { ActivityPage } from './pages/activity-page.tsx';
import { BillingPage } from './pages/billing-page.tsx';
import { LicensesPage } from './pages/licenses-page.tsx';
import { LogonPage } from './pages/logon-page.tsx';
import { ManagementPage } from './pages/management-page.tsx';
import { OfflinePage } from './pages/offline-page.tsx';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/password-pages.tsx';
import { RecoverRegistrationPage, ReissuePage } from './pages/recover-pages.tsx';
import { RegisterPage } from './pages/register-page.tsx';
import { SupportPage } from './pages/support-page.tsx';
import { UsersPage } from './pages/users-page.tsx';
import { useSession } from './session/session-context.tsx';

const PUBLIC: Record<string, () => ReactNode> = {
  '/': LogonPage,
  '/register': RegisterPage,
  '/forgot-password': ForgotPasswordPage,
  '/reset-password': ResetPasswordPage,
  '/recover-registration': RecoverRegistrationPage,
  '/reissue': ReissuePage,
  '/accept-invitation': AcceptInvitationPage,
};

const PRIVATE: Record<string, () => ReactNode> = {
  '/licenses': LicensesPage,
  '/management': ManagementPage,
  '/billing': BillingPage,
  '/activity': ActivityPage,
  '/users': UsersPage,
  '/offline': OfflinePage,
};

function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}

/** Which page a path shows, given whether someone is signed in. */
export function App() {
  const { t } = useTranslation();
  const { status } = useSession();
  const { location } = useRouter();
  const path = location.path.replace(/\/+$/, '') || '/';
  useEffect(() => {
    document.title = `${t('app.name')}`;
  }, [t]);
  if (status === 'loading') return <main id="main" className="public-main"><Loading /></main>;
  if (path === '/support') return <SupportPage />;
  const Private = PRIVATE[path];
  if (Private) return status === 'signed-in' ? <Private /> : <Redirect to="/" />;
  const Public = PUBLIC[path];
  // Signed in, the log-on page leads to the licenses; links from emails (reset, invitation) still open.
  if (path === '/' && status === 'signed-in') return <Redirect to="/licenses" />;
  if (Public) return <Public />;
  return <Redirect to={status === 'signed-in' ? '/licenses' : '/'} />;
}
