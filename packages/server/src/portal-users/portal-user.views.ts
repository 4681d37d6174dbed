import type { PortalUserRecord } from './portal-user.repository.ts';

export function userView(user: Pick<PortalUserRecord, 'id' | 'name' | 'email' | 'role' | 'locale'>) {
  return { id: user.id, name: user.name, email: user.email, role: user.role, locale: user.locale };
}

export function customerSummary(customer: { id: string; number: string; name: string }) {
  return { id: customer.id, number: customer.number, name: customer.name };
}

/** What every answer that starts or shows a session gives: who, for which customer, and the CSRF token changes repeat. */
export interface SessionAnswer {
  user: ReturnType<typeof userView>;
  customer: ReturnType<typeof customerSummary>;
  csrfToken: string;
}
