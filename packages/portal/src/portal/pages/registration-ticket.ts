import type { RegistrationTicket } from '../api/portal-api.ts';

// The ticket from step 2 lives for this tab only, so a reload of the register page keeps it.
const KEY = 'leasehold.registrationTicket';

export function saveTicket(ticket: RegistrationTicket): void {
  sessionStorage.setItem(KEY, JSON.stringify(ticket));
}

export function loadTicket(): RegistrationTicket | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as RegistrationTicket | null;
  } catch {
    return null;
  }
}

export function clearTicket(): void {
  sessionStorage.removeItem(KEY);
}
