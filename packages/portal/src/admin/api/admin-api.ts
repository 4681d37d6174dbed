import type { HttpClient } from '../../shared/api/http-client.ts';
import { catalogueApi, type CatalogueFeature, type CataloguePlan } from './catalogue-api.ts';
import { staffApi } from './staff-api.ts';

export type StaffRole = 'owner' | 'support' | 'read_only';
export interface Staff { id: string; email: string; name: string; role: StaffRole; totpEnabled: boolean; createdAt: string; lastLoginAt: string | null }
/** `changes`: what the role may change, by route as staff-roles.ts names them ("POST /v1/admin/licenses/:id/suspend"), or all. */
export interface StaffSession { staff: Staff; csrfToken: string; changes: 'all' | string[] }
export interface Page<T> { items: T[]; nextCursor?: string | null }

export interface Dashboard {
  activeLicenses: number; activations: number; checkInsToday: number; failedCheckInsToday: number; resetsThisWeek: number; resourcesInWarning: number;
}
export interface Customer {
  id: string; number: string; name: string; status: 'active' | 'suspended'; contactName: string | null; contactEmail: string | null; phone: string | null;
  locale: string; createdAt: string;
}
export interface License {
  id: string; plan: { code: string; name: string }; status: 'active' | 'suspended' | 'cancelled'; startsAt: string; expiresAt: string | null; keyPrefix: string;
  /** What the license is billed per period: its plan's price when it took the plan. */
  price: { priceCents: number; currency: string; period: 'month' | 'year' };
}
export type Health = 'ok' | 'not_synchronised' | 'unreachable' | 'missing';
export interface Resource { id: string; kind: string; name: string; health: Health; lastReportedAt: string | null; seats: { assignmentId: string; featureId: string; feature: string; licenseId: string }[] }
export interface Pool { featureId: string; name: string; names: LocalizedName; seatKind: string; capacity: number; assigned: number; unassigned: number }
export interface CustomerDetail extends Customer { licenses: License[]; pools: Pool[]; resources: Resource[] }
export interface Activation {
  id: string; licenseId: string; feature: string; hostName: string; platform: string; appVersion: string; activatedAt: string; lastCheckInAt: string;
  leaseExpiresAt: string; releasedAt: string | null; releaseReason: string | null; drift: { at: string; changed: string[]; added: string[] }[];
}
export interface SupportRequest {
  id: string; kind: string; customerId: string | null; name: string | null; businessName: string | null; address: string | null; email: string;
  subject: string | null; message: string | null; status: 'open' | 'closed'; createdAt: string; closedAt: string | null;
}
export interface Mail {
  id: string; to: string; template: string; subject: string; text: string; status: 'pending' | 'sending' | 'sent' | 'failed'; attempts: number;
  lastError: string | null; createdAt: string; sentAt: string | null;
}

// The customer page: plans to issue and change to, what a plan change does, portal users, air-gapped answers.
export interface LocalizedName { en: string; fr?: string }
export type BillingPeriod = 'month' | 'year';
/** A plan or feature as the catalogue answers it, offered in the license dialogs. */
export type PlanOption = CataloguePlan;
export type FeatureOption = CatalogueFeature;
export interface PerPeriod { month: number; year: number }
export interface PlanChangePreview {
  license: License;
  from: Pick<PlanOption, 'id' | 'code' | 'name' | 'priceCents' | 'currency' | 'period'>;
  to: Pick<PlanOption, 'id' | 'code' | 'name' | 'priceCents' | 'currency' | 'period'>;
  priceChange: { currency: string; before: PerPeriod; after: PerPeriod; delta: PerPeriod };
  seats: {
    featureId: string; feature: string; name: LocalizedName; seatKind: string;
    slotsBefore: number; slotsAfter: number; capacityBefore: number; capacityAfter: number; assigned: number; shortfall: number;
  }[];
  canChange: boolean;
  release: { featureId: string; feature: string; featureName: string; count: number; slotsLeft: number; candidates: { assignmentId: string; licenseId: string; resourceName: string; resourceKind: string }[] }[];
}
export interface PortalUserList {
  items: { id: string; name: string; email: string; role: 'owner' | 'admin' | 'viewer'; lastLoginAt: string | null }[];
  invitations: { email: string; role: 'admin' | 'viewer'; expiresAt: string }[];
}
export interface OfflineAnswer { valid: boolean; code: string; detail: string; response: string | null; filename: string | null; activation?: { id: string; hostName?: string } }

// The webhooks, audit log and billing pages.
export interface EventTypeInfo { type: string; highVolume: boolean; webhooks: boolean }
export interface WebhookEndpoint { id: string; url: string; description: string | null; eventTypes: string[]; enabled: boolean; createdAt: string; updatedAt: string; disabledAt: string | null }
export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled';
export interface WebhookDelivery {
  id: string; endpointId: string; eventId: string; eventType: string; status: DeliveryStatus; attempts: number; nextAttemptAt: string | null;
  lastAttemptAt: string | null; lastStatusCode: number | null; lastError: string | null; deliveredAt: string | null; createdAt: string;
}
export interface AuditEvent {
  id: string; customerId: string | null; customer: { number: string; name: string } | null; type: string; actor: { type: string; id: string | null; name: string | null };
  subjectType: string; subjectId: string; data: Record<string, unknown>; createdAt: string;
}
/** The audit log's filters as the admin API takes them (times as ISO date-times). */
export interface AuditFilter { customer?: string; type?: string; actorType?: string; actorId?: string; from?: string; to?: string }
export interface BillMoney { currency: string; amountCents: number }
export interface BillLine {
  licenseId: string; plan: { code: string; name: string; period: 'month' | 'year' }; from: string; to: string; days: number; daysInPeriod: number;
  unitCents: number; amountCents: number; currency: string;
}
export interface BillingReport {
  period: string; timeZone: string; from: string; to: string; days: number;
  customers: { customer: { id: string; number: string; name: string }; lines: BillLine[]; totals: BillMoney[] }[]; totals: BillMoney[];
}

/** The query string of an audit filter, the same for a page of events and for the CSV export. */
export function auditQuery(filter: AuditFilter): string {
  return new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
}
/** Downloads: plain links, so the browser saves the file with the session cookie and its own progress. */
export const auditCsvUrl = (filter: AuditFilter) => `/v1/admin/events.csv?${auditQuery(filter)}`;
export const billingCsvUrl = (period: string) => `/v1/admin/billing/report.csv?period=${encodeURIComponent(period)}`;

const q = (value: string) => encodeURIComponent(value);

/** The staff endpoints and the admin API the console calls, with its session cookie. */
export function adminApi(http: HttpClient) {
  return {
    /** The catalogue page: products, features, policies, plans and the impact of a change. */
    catalogue: catalogueApi(http),
    /** The staff page (owners) and accepting an invitation. */
    staff: staffApi(http),
    session: () => http.get<StaffSession>('/v1/staff/session'),
    logon: (email: string, password: string, totp?: string) => http.post<StaffSession>('/v1/staff/logon', { email, password, ...(totp ? { totp } : {}) }),
    logout: () => http.post<void>('/v1/staff/logout'),
    beginTotp: () => http.post<{ secret: string; otpauthUri: string }>('/v1/staff/totp'),
    confirmTotp: (code: string) => http.post<Staff>('/v1/staff/totp/confirm', { code }),
    dashboard: () => http.get<Dashboard>('/v1/admin/dashboard'),
    findCustomers: (text: string) => http.get<Page<Customer>>(`/v1/admin/customers?q=${q(text)}&limit=50`),
    customer: (id: string) => http.get<CustomerDetail>(`/v1/admin/customers/${q(id)}`),
    activations: (id: string) => http.get<Page<Activation>>(`/v1/admin/customers/${q(id)}/activations?includeReleased=true&limit=100`),
    events: (customerId: string) => http.get<Page<AuditEvent>>(`/v1/admin/events?customerId=${q(customerId)}&limit=30`),
    resetActivation: (id: string, reason: string) => http.post<unknown>(`/v1/admin/activations/${q(id)}/reset`, { reason }),
    setLicenseStatus: (id: string, action: 'suspend' | 'resume', reason: string) => http.post<License>(`/v1/admin/licenses/${q(id)}/${action}`, { reason }),
    reissueRegistration: (id: string, email = false) =>
      http.post<{ customerNumber: string; registrationKey: string; emailedTo: string | null }>(`/v1/admin/customers/${q(id)}/reissue-registration`, { email }),
    supportRequests: (status: 'open' | 'closed') => http.get<{ items: SupportRequest[] }>(`/v1/admin/support-requests?status=${status}`),
    closeSupportRequest: (id: string) => http.post<SupportRequest>(`/v1/admin/support-requests/${q(id)}/close`),
    mail: (status?: string) => http.get<Page<Mail>>(`/v1/admin/mail?limit=50${status ? `&status=${q(status)}` : ''}`),
    retryMail: (id: string) => http.post<Mail>(`/v1/admin/mail/${q(id)}/retry`),
    // The customer page: licenses and plan changes, portal users, air-gapped activation.
    issueLicense: (customerId: string, plan: string, startsAt?: string) =>
      http.post<{ license: License; key: string }>(`/v1/admin/customers/${q(customerId)}/licenses`, { plan, ...(startsAt ? { startsAt } : {}) }),
    previewPlanChange: (licenseId: string, plan: string) => http.get<PlanChangePreview>(`/v1/admin/licenses/${q(licenseId)}/change-plan/preview?plan=${q(plan)}`),
    changePlan: (licenseId: string, plan: string) => http.post<License>(`/v1/admin/licenses/${q(licenseId)}/change-plan`, { plan }),
    cancelLicense: (licenseId: string, reason: string) => http.post<License>(`/v1/admin/licenses/${q(licenseId)}/cancel`, { reason }),
    customerUsers: (customerId: string) => http.get<PortalUserList>(`/v1/admin/customers/${q(customerId)}/users`),
    answerOfflineRequest: (customerId: string, request: string) => http.post<OfflineAnswer>(`/v1/admin/customers/${q(customerId)}/offline-activations`, { request }),
    // The webhooks, audit log and billing pages.
    eventTypes: () => http.get<{ items: EventTypeInfo[] }>('/v1/admin/event-types'),
    webhooks: () => http.get<Page<WebhookEndpoint>>('/v1/admin/webhooks?limit=200'),
    createWebhook: (body: { url: string; description?: string; eventTypes: string[] }) => http.post<WebhookEndpoint & { secret: string }>('/v1/admin/webhooks', body),
    disableWebhook: (id: string) => http.post<WebhookEndpoint>(`/v1/admin/webhooks/${q(id)}/disable`),
    enableWebhook: (id: string) => http.patch<WebhookEndpoint>(`/v1/admin/webhooks/${q(id)}`, { enabled: true }),
    testWebhook: (id: string) => http.post<WebhookDelivery>(`/v1/admin/webhooks/${q(id)}/test`),
    webhookDeliveries: (id: string, status?: DeliveryStatus, cursor?: string) =>
      http.get<Page<WebhookDelivery>>(`/v1/admin/webhooks/${q(id)}/deliveries?limit=25${status ? `&status=${status}` : ''}${cursor ? `&cursor=${q(cursor)}` : ''}`),
    retryDelivery: (endpointId: string, deliveryId: string) => http.post<WebhookDelivery>(`/v1/admin/webhooks/${q(endpointId)}/deliveries/${q(deliveryId)}/retry`),
    auditEvents: (filter: AuditFilter, cursor?: string) => http.get<Page<AuditEvent>>(`/v1/admin/events?limit=50&${auditQuery(filter)}${cursor ? `&cursor=${q(cursor)}` : ''}`),
    /** Without a period, the current month of the server's billing time zone. */
    billingReport: (period?: string) => http.get<BillingReport>(`/v1/admin/billing/report${period ? `?period=${q(period)}` : ''}`),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
