import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HttpClient } from '../../shared/api/http-client.ts';
import { useSessionState, type SessionStatus } from '../../shared/api/use-session-state.ts';
import { asLanguage, type Language } from '../../shared/format/format.ts';
import { rememberLanguage } from '../../shared/i18n/i18n.ts';
import { portalApi, type PortalApi, type Session } from '../api/portal-api.ts';

type Status = SessionStatus;

export interface SessionValue {
  api: PortalApi;
  status: Status;
  session: Session | null;
  /** After log-on, registration or accepting an invitation: keep the session and its CSRF token. */
  signedIn(session: Session): void;
  logOut(): Promise<void>;
  changeLanguage(language: Language): Promise<void>;
}

/** Exported for component tests, which provide a session without a server. */
export const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ http, children }: { http: HttpClient; children: ReactNode }) {
  const api = useMemo(() => portalApi(http), [http]);
  const { i18n } = useTranslation();
  const { status, session, setSession, signedIn, logOut } = useSessionState(http, api);

  const changeLanguage = useCallback(async (language: Language) => {
    rememberLanguage(language);
    await i18n.changeLanguage(language);
    if (session && asLanguage(session.user.locale) !== language) {
      try {
        const { user } = await api.updateMe({ locale: language });
        setSession((current) => (current ? { ...current, user } : current));
      } catch {
        // The choice still holds on this browser.
      }
    }
  }, [api, i18n, session]);

  const value = useMemo(() => ({ api, status, session, signedIn, logOut, changeLanguage }), [api, status, session, signedIn, logOut, changeLanguage]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

export function useApi(): PortalApi {
  return useSession().api;
}

/** Whether the signed-in user may change things; viewers read only, and the UI says why. */
export function useCanChange(): { allowed: boolean; reason: string | null } {
  const { session } = useSession();
  const { t } = useTranslation();
  const allowed = !!session && session.user.role !== 'viewer';
  return { allowed, reason: allowed ? null : t('roles.viewerCannotChange') };
}
