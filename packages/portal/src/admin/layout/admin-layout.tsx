import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberLanguage, useLanguage } from '../../shared/i18n/i18n.ts';
import { useRouter } from '../../shared/router/router.tsx';
import { AppShell, PublicShell, type ShellText } from '../../shared/ui/app-shell.tsx';
import { IconLock } from '../../shared/ui/icons.tsx';
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

function useShellText(): ShellText {
  const t = useT();
  return { skip: t('nav.skip'), appName: t('app.name'), menu: t('nav.sections'), sections: t('nav.sections'), logout: t('nav.logout') };
}

export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  return <PublicShell text={useShellText()} languageSwitch={<LanguageSwitch />} title={title}>{children}</PublicShell>;
}

const NAV = [
  ['/dashboard', 'nav.dashboard'],
  ['/customers', 'nav.customers'],
  ['/catalogue', 'catalogue.nav'],
  ['/support', 'nav.support'],
  ['/mail', 'nav.mail'],
  ['/webhooks', 'webhooks.nav'],
  ['/audit', 'audit.nav'],
  ['/billing', 'billing.nav'],
  ['/staff', 'staff.nav'],
  ['/account', 'nav.account'],
] as const;

/** Sections only owners see (the server refuses the others there too). */
const OWNERS_ONLY = new Set<string>(['/staff']);

/** The console after sign-in: who is signed in with their role, and the sections. */
export function AdminLayout({ title, subtitle, actions, children }: { title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const t = useT();
  const text = useShellText();
  const { session, logOut } = useStaffSession();
  const { navigate } = useRouter();
  if (!session) return null;
  return (
    <AppShell
      text={text}
      home="/dashboard"
      languageSwitch={<LanguageSwitch />}
      userName={session.staff.name}
      roleLabel={t(`roles.${session.staff.role}`)}
      onLogOut={() => void logOut().then(() => navigate('/?signedOut=1'))}
      nav={NAV.filter(([to]) => session.staff.role === 'owner' || !OWNERS_ONLY.has(to)).map(([to, key]) => ({ to, label: t(key) }))}
      banner={session.staff.role === 'read_only' ? <p className="viewer-banner"><IconLock /> {t('roles.readOnlyBanner')}</p> : null}
      title={title}
      subtitle={subtitle}
      actions={actions}
    >
      {children}
    </AppShell>
  );
}
