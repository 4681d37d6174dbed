import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell, PublicShell, type ShellText } from '../../shared/ui/app-shell.tsx';
import { IconLock } from '../../shared/ui/icons.tsx';
import { Link, useRouter } from '../../shared/router/router.tsx';
import { useSession } from '../session/session-context.tsx';
import { LanguageSwitch } from './language-switch.tsx';

/** "Other questions? Send a request", on every page (seed 002's last line). */
function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t('footer.otherQuestions')} <Link to="/support">{t('footer.sendRequest')}</Link></p>
    </footer>
  );
}

function useShellText(): ShellText {
  const { t } = useTranslation();
  return { skip: t('nav.skip'), appName: t('app.name'), menu: t('nav.menu'), sections: t('nav.sections'), logout: t('nav.logout') };
}

/** Pages before log-on: one calm column. */
export function PublicLayout({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  return <PublicShell text={useShellText()} languageSwitch={<LanguageSwitch />} title={title} wide={wide} footer={<Footer />}>{children}</PublicShell>;
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
  const text = useShellText();
  const { session, logOut } = useSession();
  const { navigate } = useRouter();
  if (!session) return null;
  const viewer = session.user.role === 'viewer';
  return (
    <AppShell
      text={text}
      home="/licenses"
      languageSwitch={<LanguageSwitch />}
      identity={(
        <p className="customer-name">
          <span className="visually-hidden">{t('nav.customer')}: </span>{session.customer.name}
          <span className="customer-number">{t('nav.customerNumber', { number: session.customer.number })}</span>
        </p>
      )}
      userName={session.user.name}
      roleLabel={t(`roles.${session.user.role}`)}
      onLogOut={() => void logOut().then(() => navigate('/?loggedOut=1'))}
      nav={NAV.map(([to, key]) => ({ to, label: t(key) }))}
      banner={viewer ? <p className="viewer-banner"><IconLock /> {t('roles.viewerBanner')}</p> : null}
      title={title}
      actions={actions}
      footer={<Footer />}
    >
      {children}
    </AppShell>
  );
}
