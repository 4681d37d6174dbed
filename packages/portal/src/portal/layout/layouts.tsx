import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconLock, IconShield } from '../../shared/ui/icons.tsx';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { useSession } from '../session/session-context.tsx';
import { LanguageSwitch } from './language-switch.tsx';

function SkipLink() {
  const { t } = useTranslation();
  return <a className="skip-link" href="#main">{t('nav.skip')}</a>;
}

/** "Other questions? Send a request", on every page (seed 002's last line). */
function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t('footer.otherQuestions')} <Link to="/support">{t('footer.sendRequest')}</Link></p>
    </footer>
  );
}

function Brand({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="brand">
      <IconShield /> <span>{t('app.name')}</span>
    </Link>
  );
}

/** Pages before log-on: one calm column. */
export function PublicLayout({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="header-inner">
          <Brand to="/" />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`public-main${wide ? ' public-wide' : ''}`}>
        <h1>{title}</h1>
        {children}
      </main>
      <Footer />
    </>
  );
}

const NAV = [
  ['/licenses', 'nav.licenses'],
  ['/management', 'nav.management'],
  ['/billing', 'nav.billing'],
  ['/activity', 'nav.activity'],
  ['/users', 'nav.users'],
  ['/offline', 'nav.offline'],
] as const;

/** Pages after log-on: the customer, the sections, and the user's own controls. */
export function AppLayout({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const { session, logOut } = useSession();
  const { navigate } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  if (!session) return null;
  const viewer = session.user.role === 'viewer';
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="header-inner">
          <Brand to="/licenses" />
          <p className="customer-name">
            <span className="visually-hidden">{t('nav.customer')}: </span>{session.customer.name}
            <span className="customer-number">{t('nav.customerNumber', { number: session.customer.number })}</span>
          </p>
          <div className="header-tools">
            <LanguageSwitch />
            <span className="user-name">{session.user.name} <span className="role-badge">{t(`roles.${session.user.role}`)}</span></span>
            <button type="button" className="btn btn-quiet" onClick={() => void logOut().then(() => navigate('/?loggedOut=1'))}>{t('nav.logout')}</button>
          </div>
          <button type="button" className="btn btn-quiet menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
            {t('nav.menu')}
          </button>
        </div>
        <nav id="main-nav" className={`main-nav${menuOpen ? ' open' : ''}`} aria-label={t('nav.sections')}>
          <ul>
            {NAV.map(([to, key]) => <li key={to}><Link to={to} onClick={() => setMenuOpen(false)}>{t(key)}</Link></li>)}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {viewer ? (
          <p className="viewer-banner"><IconLock /> {t('roles.viewerBanner')}</p>
        ) : null}
        <div className="page-head">
          <h1>{title}</h1>
          {actions ? <div className="page-actions">{actions}</div> : null}
        </div>
        {children}
      </main>
      <Footer />
    </>
  );
}
