import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PortalApi, Role } from '../api/portal-api.ts';
import { renderPortal } from '../testing/render-portal.tsx';
import { LicensesPage } from './licenses-page.tsx';
import { RegisterPage } from './register-page.tsx';
import { saveTicket } from './registration-ticket.ts';

const ticket = (existingAccounts: number) => ({ registrationTicket: 'lh_ticket_x', customer: { number: '100042', name: 'Lakeview Clinic' }, existingAccounts });
const registered = (role: Role) => ({
  user: { id: 'u2', name: 'Front Desk', email: 'desk@lakeview.test', role, locale: 'en' },
  customer: { id: 'c1', number: '100042', name: 'Lakeview Clinic' },
  csrfToken: 'csrf',
});

afterEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('the register page', () => {
  test('the first account: no word of viewing only', () => {
    saveTicket(ticket(0));
    renderPortal(<RegisterPage />);
    expect(screen.getByText(/Welcome, Lakeview Clinic/)).toBeTruthy();
    expect(screen.queryByText('This account will be able to view only.')).toBeNull();
    expect(screen.queryByText(/already has/)).toBeNull();
  });

  test('when accounts exist, it says before registering that the account will view only, who can give more, and to log on with an existing email', () => {
    saveTicket(ticket(2));
    renderPortal(<RegisterPage />);
    const note = screen.getByRole('status');
    expect(note.textContent).toContain('This account will be able to view only.');
    expect(note.textContent).toContain('It will see the licenses, computers and bill of Lakeview Clinic, but not change them. An owner of Lakeview Clinic can give it more rights on the Users page');
    expect(note.textContent).toContain('Your organisation already has 2 registered accounts. If one is yours, log on with its email instead.');
  });

  test('in French', () => {
    saveTicket(ticket(1));
    renderPortal(<RegisterPage />, { language: 'fr' });
    const note = screen.getByRole('status');
    expect(note.textContent).toContain('Ce compte pourra seulement consulter.');
    expect(note.textContent).toContain('Un propriétaire de Lakeview Clinic peut lui donner plus de droits à la page Utilisateurs');
    expect(note.textContent).toContain('Votre organisation a déjà 1 compte enregistré.');
  });

  test.each([
    { role: 'viewer' as const, to: '/portal/licenses?welcome=viewer' },
    { role: 'owner' as const, to: '/portal/licenses?welcome=1' },
  ])('a $role lands on the licenses with its welcome', async ({ role, to }) => {
    saveTicket(ticket(role === 'viewer' ? 1 : 0));
    vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    const register = vi.fn(async () => registered(role));
    renderPortal(<RegisterPage />, { api: { register } as Partial<PortalApi> });
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Front Desk' } });
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'desk@lakeview.test' } });
    fireEvent.change(screen.getByLabelText('Choose a password'), { target: { value: 'a long passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Register and continue' }));
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe(to));
    expect(register).toHaveBeenCalledTimes(1);
  });
});

describe('the welcome of a viewer who registered', () => {
  const api = { licenses: async () => ({ items: [] }), events: async () => ({ items: [] }), plans: async () => ({ items: [] }) } as unknown as Partial<PortalApi>;

  test.each([
    { language: 'en' as const, text: 'Your account can view only: the owners of Test Clinic got an email saying you registered, and one of them can give you more rights on the Users page.' },
    { language: 'fr' as const, text: 'Votre compte peut seulement consulter : les propriétaires de Test Clinic ont reçu un courriel' },
  ])('says why nothing can be changed ($language)', async ({ language, text }) => {
    window.history.replaceState(null, '', '/portal/licenses?welcome=viewer');
    renderPortal(<LicensesPage />, { api, role: 'viewer', language });
    const welcome = await screen.findByText(new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect(welcome).toBeTruthy();
  });

  test('an owner gets the plain welcome', () => {
    window.history.replaceState(null, '', '/portal/licenses?welcome=viewer');
    renderPortal(<LicensesPage />, { api, role: 'owner' });
    expect(screen.getByText('From now on, log on with your email address and password.')).toBeTruthy();
  });
});
