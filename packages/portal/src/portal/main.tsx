import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createHttpClient } from '../shared/api/http-client.ts';
import { createI18n, initialLanguage } from '../shared/i18n/i18n.ts';
import { RouterProvider } from '../shared/router/router.tsx';
import '../shared/styles/base.css';
import { App } from './app.tsx';
import { PORTAL_RESOURCES } from './i18n/resources.ts';
import { SessionProvider } from './session/session-context.tsx';

const i18n = createI18n(PORTAL_RESOURCES, initialLanguage());
const http = createHttpClient({
  // A session that ended (expired, logged out elsewhere) goes back to the log-on page.
  onUnauthenticated: () => window.location.assign('/portal/'),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RouterProvider base="/portal">
        <SessionProvider http={http}>
          <App />
        </SessionProvider>
      </RouterProvider>
    </I18nextProvider>
  </StrictMode>,
);
