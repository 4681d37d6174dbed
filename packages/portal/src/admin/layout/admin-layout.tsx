import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberLanguage, useLanguage } from '../../shared/i18n/i18n.ts';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { IconLock, IconShield } from '../../shared/ui/icons.tsx';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';

function LanguageSwitch() {
  const t = useT();
  const { i18n } = useTranslation();
  const other = useLanguage() === 'en' ? 'fr' : 'en';
  const change = () => {
    rememberLanguage(other);
    void i18n.changeLanguage(other);
  };
  return (
    <button type="button" className="btn btn-quiet language-switch" lang={`${other}-CA`} onClick={change} aria-label={t('nav.switchLanguageLabel')}>
      {t('nav.otherLanguage')}
    </button>
  );
}

function Brand({ to }: { to: string }) {
  const t = useT();
  return <Link to={to} className="brand"><IconShield /> <span>{t('app.name')}</span></Link>;
}

const SkipLink = () => <a className="skip-link" href="#main">{useT()('nav.skip')}</a>;

export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="header-inner">
          <Brand to="/" />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="public-main">
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}

const NAV = [
  ['/dashboard', 'nav.dashboard'],
  ['/customers', 'nav.customers'],
  ['/support', 'nav.support'],
  ['/mail', 'nav.mail'],
  ['/account', 'nav.account'],
] as const;

/** The console after sign-in: who is signed in with their role, and the sections. */
export function AdminLayout({ title, subtitle, actions, children }: { title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const t = useT();
  const { session, logOut } = useStaffSession();
  const { navigate } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  if (!session) return null;
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="header-inner">
          <Brand to="/dashboard" />
          <div className="header-tools">
            <LanguageSwitch />
            <span className="user-name">{session.staff.name} <span className="role-badge">{t(`roles.${session.staff.role}`)}</span></span>
            <button type="button" className="btn btn-quiet" onClick={() => void logOut().then(() => navigate('/?signedOut=1'))}>{t('nav.logout')}</button>
          </div>
          <button type="button" className="btn btn-quiet menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
            {t('nav.sections')}
          </button>
        </div>
        <nav id="main-nav" className={`main-nav${menuOpen ? ' open' : ''}`} aria-label={t('nav.sections')}>
          <ul>
            {NAV.map(([to, key]) => <li key={to}><Link to={to} onClick={() => setMenuOpen(false)}>{t(key)}</Link></li>)}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {session.staff.role === 'read_only' ? <p className="viewer-banner"><IconLock /> {t('roles.readOnlyBanner')}</p> : null}
        <div className="page-head">
          <div>
            <h1>{title}</h1>
            {subtitle ? <p className="muted">{subtitle}</p> : null}
          </div>
          {actions ? <div className="page-actions">{actions}</div> : null}
        </div>
        {children}
      </main>
    </>
  );
}
