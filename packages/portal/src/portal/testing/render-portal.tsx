import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../shared/i18n/i18n.ts';
import { RouterProvider } from '../../shared/router/router.tsx';
import type { PortalApi, Role } from '../api/portal-api.ts';
import { PORTAL_RESOURCES } from '../i18n/resources.ts';
import { SessionContext } from '../session/session-context.tsx';

/** Renders a piece of the portal with its language, router and a signed-in session over a fake API. */
export function renderPortal(ui: ReactElement, options: { api?: Partial<PortalApi>; role?: Role; language?: 'en' | 'fr' } = {}) {
  const i18n = createI18n(PORTAL_RESOURCES, options.language ?? 'en');
  const session = {
    user: { id: 'u1', name: 'Test User', email: 'user@clinic.test', role: options.role ?? 'owner', locale: options.language ?? 'en' },
    customer: { id: 'c1', number: '100001', name: 'Test Clinic' },
    csrfToken: 'csrf',
  };
  const value = {
    api: (options.api ?? {}) as PortalApi,
    status: 'signed-in' as const,
    session,
    signedIn: () => undefined,
    logOut: async () => undefined,
    changeLanguage: async () => undefined,
  };
  return render(
    <I18nextProvider i18n={i18n}>
      <RouterProvider base="/portal">
        <SessionContext.Provider value={value}>{ui}</SessionContext.Provider>
      </RouterProvider>
    </I18nextProvider>,
  );
}
