import type { HttpClient } from '../../shared/api/http-client.ts';

export type StaffRole = 'owner' | 'support' | 'read_only';
export interface Staff { id: string; email: string; name: string; role: StaffRole; totpEnabled: boolean; createdAt: string; lastLoginAt: string | null }
export interface StaffSession { staff: Staff; csrfToken: string }
export interface Page<T> { items: T[]; nextCursor?: string | null }

export interface Dashboard {
  activeLicenses: number; activations: number; checkInsToday: number; failedCheckInsToday: number; resetsThisWeek: number; resourcesInWarning: number;
}
export interface Customer {
  id: string; number: string; name: string; status: 'active' | 'suspended'; contactName: string | null; contactEmail: string | null; phone: string | null;
  locale: string; createdAt: string;
}
export interface License { id: string; plan: { code: string; name: string }; status: 'active' | 'suspended' | 'cancelled'; startsAt: string; expiresAt: string | null; keyPrefix: string }
export type Health = 'ok' | 'not_synchronised' | 'unreachable' | 'missing';
export interface Resource { id: string; kind: string; name: string; health: Health; lastReportedAt: string | null; seats: { assignmentId: string; feature: string }[] }
export interface Pool { featureId: string; name: string; seatKind: string; capacity: number; assigned: number; unassigned: number }
export interface CustomerDetail extends Customer { licenses: License[]; pools: Pool[]; resources: Resource[] }
export interface Activation {
  id: string; licenseId: string; feature: string; hostName: string; platform: string; appVersion: string; activatedAt: string; lastCheckInAt: string;
  leaseExpiresAt: string; releasedAt: string | null; releaseReason: string | null; drift: { at: string; changed: string[]; added: string[] }[];
}
export interface AdminEvent { id: string; type: string; actor: { type: string; id: string | null }; subjectType: string; data: Record<string, unknown>; createdAt: string }
export interface SupportRequest {
  id: string; kind: string; customerId: string | null; name: string | null; businessName: string | null; address: string | null; email: string;
  subject: string | null; message: string | null; status: 'open' | 'closed'; createdAt: string; closedAt: string | null;
}
export interface Mail {
  id: string; to: string; template: string; subject: string; text: string; status: 'pending' | 'sending' | 'sent' | 'failed'; attempts: number;
  lastError: string | null; createdAt: string; sentAt: string | null;
}

const q = (value: string) => encodeURIComponent(value);

/** The staff endpoints and the admin API the console calls, with its session cookie. */
export function adminApi(http: HttpClient) {
  return {
    session: () => http.get<StaffSession>('/v1/staff/session'),
    logon: (email: string, password: string, totp?: string) => http.post<StaffSession>('/v1/staff/logon', { email, password, ...(totp ? { totp } : {}) }),
    logout: () => http.post<void>('/v1/staff/logout'),
    beginTotp: () => http.post<{ secret: string; otpauthUri: string }>('/v1/staff/totp'),
    confirmTotp: (code: string) => http.post<Staff>('/v1/staff/totp/confirm', { code }),
    dashboard: () => http.get<Dashboard>('/v1/admin/dashboard'),
    findCustomers: (text: string) => http.get<Page<Customer>>(`/v1/admin/customers?q=${q(text)}&limit=50`),
    customer: (id: string) => http.get<CustomerDetail>(`/v1/admin/customers/${q(id)}`),
    activations: (id: string) => http.get<Page<Activation>>(`/v1/admin/customers/${q(id)}/activations?includeReleased=true&limit=100`),
    events: (customerId: string) => http.get<Page<AdminEvent>>(`/v1/admin/events?customerId=${q(customerId)}&limit=30`),
    resetActivation: (id: string, reason: string) => http.post<unknown>(`/v1/admin/activations/${q(id)}/reset`, { reason }),
    setLicenseStatus: (id: string, action: 'suspend' | 'resume', reason: string) => http.post<License>(`/v1/admin/licenses/${q(id)}/${action}`, { reason }),
    reissueRegistration: (id: string) => http.post<{ customerNumber: string; registrationKey: string }>(`/v1/admin/customers/${q(id)}/reissue-registration`),
    supportRequests: (status: 'open' | 'closed') => http.get<{ items: SupportRequest[] }>(`/v1/admin/support-requests?status=${status}`),
    closeSupportRequest: (id: string) => http.post<SupportRequest>(`/v1/admin/support-requests/${q(id)}/close`),
    mail: (status?: string) => http.get<Page<Mail>>(`/v1/admin/mail?limit=50${status ? `&status=${q(status)}` : ''}`),
    retryMail: (id: string) => http.post<Mail>(`/v1/admin/mail/${q(id)}/retry`),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
