import { useState, type ReactNode } from 'react';
import { Link } from '../router/router.tsx';
import { IconShield } from './icons.tsx';

/** The words the shell shows, already translated by the app that uses it. */
export interface ShellText {
  skip: string;
  appName: string;
  menu: string;
  sections: string;
  logout: string;
}

function Brand({ to, name }: { to: string; name: string }) {
  return <Link to={to} className="brand"><IconShield /> <span>{name}</span></Link>;
}

/** Pages before sign-in, shared by the portal and the admin console: one calm column. */
export function PublicShell({ text, languageSwitch, title, wide, footer, children }: {
  text: ShellText; languageSwitch: ReactNode; title: string; wide?: boolean; footer?: ReactNode; children: ReactNode;
}) {
  return (
    <>
      <a className="skip-link" href="#main">{text.skip}</a>
      <header className="site-header">
        <div className="header-inner">
          <Brand to="/" name={text.appName} />
          {languageSwitch}
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`public-main${wide ? ' public-wide' : ''}`}>
        <h1>{title}</h1>
        {children}
      </main>
      {footer}
    </>
  );
}

export interface AppShellProps {
  text: ShellText;
  home: string;
  languageSwitch: ReactNode;
  /** Shown beside the brand, e.g. the customer's name and number. */
  identity?: ReactNode;
  userName: string;
  roleLabel: string;
  onLogOut(): void;
  nav: readonly { to: string; label: string }[];
  /** e.g. the notice that this account can only read. */
  banner?: ReactNode;
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}

/** Pages after sign-in, shared by the portal and the admin console: who is signed in, the sections, the page. */
export function AppShell(props: AppShellProps) {
  const { text } = props;
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <>
      <a className="skip-link" href="#main">{text.skip}</a>
      <header className="site-header">
        <div className="header-inner">
          <Brand to={props.home} name={text.appName} />
          {props.identity}
          <div className="header-tools">
            {props.languageSwitch}
            <span className="user-name">{props.userName} <span className="role-badge">{props.roleLabel}</span></span>
            <button type="button" className="btn btn-quiet" onClick={props.onLogOut}>{text.logout}</button>
          </div>
          <button type="button" className="btn btn-quiet menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
            {text.menu}
          </button>
        </div>
        <nav id="main-nav" className={`main-nav${menuOpen ? ' open' : ''}`} aria-label={text.sections}>
          <ul>
            {props.nav.map(({ to, label }) => <li key={to}><Link to={to} onClick={() => setMenuOpen(false)}>{label}</Link></li>)}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {props.banner}
        <div className="page-head">
          <div>
            <h1>{props.title}</h1>
            {props.subtitle ? <p className="muted">{props.subtitle}</p> : null}
          </div>
          {props.actions ? <div className="page-actions">{props.actions}</div> : null}
        </div>
        {props.children}
      </main>
      {props.footer}
    </>
  );
}
