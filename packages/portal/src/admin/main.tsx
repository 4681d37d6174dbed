import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createHttpClient } from '../shared/api/http-client.ts';
import { createI18n, initialLanguage } from '../shared/i18n/i18n.ts';
import { RouterProvider } from '../shared/router/router.tsx';
import '../shared/styles/base.css';
import './admin.css';
import { App } from './app.tsx';
import { ADMIN_RESOURCES } from './i18n/resources.ts';
import { StaffSessionProvider } from './session/staff-session.tsx';

const i18n = createI18n(ADMIN_RESOURCES, initialLanguage());
const http = createHttpClient({
  // A session that ended (expired, signed out elsewhere) goes back to sign-in.
  onUnauthenticated: () => window.location.assign('/admin/'),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RouterProvider base="/admin">
        <StaffSessionProvider http={http}>
          <App />
        </StaffSessionProvider>
      </RouterProvider>
    </I18nextProvider>
  </StrictMode>,
);
