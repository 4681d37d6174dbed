import type {
  Account, AddedLicense, Bill, EventPage, LicenseItem, OfferedPlan, Pool, RemovedLicense, Resource, Unassigned, UpgradedLicense,
} from '../../shared/api/account-types.ts';
import type { HttpClient } from '../../shared/api/http-client.ts';
import type { Language } from '../../shared/format/format.ts';

export type Role = 'owner' | 'admin' | 'viewer';
export interface PortalUser { id: string; name: string; email: string; role: Role; locale: string }
export interface PortalCustomer { id: string; number: string; name: string }
export interface Session { user: PortalUser; customer: PortalCustomer; csrfToken: string }
export interface RegistrationTicket { registrationTicket: string; customer: { number: string; name: string }; existingAccounts: number }
export interface UserList {
  items: { id: string; name: string; email: string; role: Role; lastLoginAt: string | null }[];
  invitations: { email: string; role: Role; expiresAt: string }[];
}

const q = encodeURIComponent;

/** Every call the customer portal makes, over one HTTP client (which carries the session's CSRF token). */
export function portalApi(http: HttpClient) {
  return {
    // Getting in (seed 000 steps 1-3)
    session: () => http.get<Session>('/v1/portal/session'),
    logonWithRegistration: (customerNumber: string, registrationKey: string) =>
      http.post<RegistrationTicket>('/v1/portal/logon/registration', { customerNumber, registrationKey }),
    register: (body: { registrationTicket: string; name: string; email: string; password: string; locale: Language }) =>
      http.post<Session>('/v1/portal/register', body),
    logon: (email: string, password: string) => http.post<Session>('/v1/portal/logon', { email, password }),
    logout: () => http.post<void>('/v1/portal/logout'),
    updateMe: (body: { locale?: Language; name?: string }) => http.patch<{ user: PortalUser }>('/v1/portal/me', body),
    requestPasswordReset: (email: string, locale: Language) => http.post<{ sent: true }>('/v1/portal/password-reset', { email, locale }),
    confirmPasswordReset: (token: string, password: string) => http.post<{ reset: true }>('/v1/portal/password-reset/confirm', { token, password }),
    recoverRegistration: (body: { name: string; businessName: string; address: string; email: string; locale: Language }) =>
      http.post<{ received: true }>('/v1/portal/recover-registration', body),
    confirmReissue: (token: string) => http.post<{ customerNumber: string; registrationKey: string }>('/v1/portal/recover-registration/confirm', { token }),

    // Users
    users: () => http.get<UserList>('/v1/portal/users'),
    invite: (email: string, role: Exclude<Role, 'owner'>) => http.post<unknown>('/v1/portal/invitations', { email, role }),
    resendInvitation: (email: string) => http.post<unknown>(`/v1/portal/invitations/${encodeURIComponent(email)}/resend`, {}),
    acceptInvitation: (body: { token: string; name: string; password: string; locale: Language }) => http.post<Session>('/v1/portal/invitations/accept', body),
    changeRole: (id: string, role: Role) => http.patch<unknown>(`/v1/portal/users/${q(id)}`, { role }),
    removeUser: (id: string) => http.delete<unknown>(`/v1/portal/users/${q(id)}`),

    // Licenses and seats
    account: () => http.get<Account>('/v1/account'),
    licenses: () => http.get<{ items: LicenseItem[] }>('/v1/account/licenses'),
    pools: () => http.get<{ items: Pool[] }>('/v1/account/pools'),
    plans: () => http.get<{ items: OfferedPlan[] }>('/v1/account/plans'),
    resources: (kind?: string) => http.get<{ items: Resource[] }>(`/v1/account/resources${kind ? `?kind=${q(kind)}` : ''}`),
    assign: (feature: string, resourceId: string) => http.post<unknown>('/v1/account/assignments', { feature, resourceId }),
    unassign: (assignmentId: string, reason?: string) => http.delete<Unassigned>(`/v1/account/assignments/${q(assignmentId)}`, reason ? { reason } : {}),
    addLicense: (plan: string, dryRun: boolean) => http.post<AddedLicense>('/v1/account/licenses', { plan, dryRun }),
    upgradeLicense: (id: string, toPlan: string, dryRun: boolean) => http.post<UpgradedLicense>(`/v1/account/licenses/${q(id)}/upgrade`, { toPlan, dryRun }),
    removeLicense: (id: string, releaseAssignmentIds: string[], dryRun: boolean) =>
      http.post<RemovedLicense>(`/v1/account/licenses/${q(id)}/remove`, { releaseAssignmentIds, dryRun }),
    bill: () => http.get<Bill>('/v1/account/bill'),
    events: (cursor?: string | null, limit = 50) => http.get<EventPage>(`/v1/account/events?limit=${limit}${cursor ? `&cursor=${q(cursor)}` : ''}`),

    // Support and offline activation
    supportRequest: (body: { subject: string; message: string; name?: string; email?: string }) => http.post<{ id: string }>('/v1/portal/support-requests', body),
    offlineActivation: (request: string) => http.post<{ valid: boolean; code: string; detail: string; response: string | null; filename: string | null }>('/v1/portal/offline-activations', { request }),
  };
}

export type PortalApi = ReturnType<typeof portalApi>;
