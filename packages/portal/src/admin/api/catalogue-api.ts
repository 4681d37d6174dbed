import type { HttpClient } from '../../shared/api/http-client.ts';

/** The catalogue as the admin API answers it: products, their features, policies and plans, and what a change would affect. */
export interface Names { en: string; fr?: string }
export interface CatalogueProduct { id: string; code: string; name: string; fingerprintSalt: string }
export interface CatalogueFeature { id: string; productId: string; code: string; name: Names; seatKind: string }
export type PolicyMode = 'node_locked' | 'floating';
export interface CataloguePolicy {
  id: string; productId: string; name: string; mode: PolicyMode; checkInIntervalSeconds: number; leaseSeconds: number; fingerprintTolerance: number;
  minComponents: number; resetLimit: number; resetWindowSeconds: number; heartbeatSeconds: number; termDays: number | null;
}
export interface CataloguePlan {
  id: string; productId: string; code: string; name: Names; policyId: string; priceCents: number; currency: string; period: 'month' | 'year';
  slots: { featureId: string; quantity: number }[]; upgradesTo: string[];
}

export type Severity = 'info' | 'warning' | 'blocking';
export interface ImpactItem {
  customer: { id: string; number: string; name: string };
  license?: { id: string; keyPrefix: string };
  computer?: { id: string; hostName: string };
  feature?: string;
  components?: string[];
  at?: string;
  count?: number;
  limit?: number;
  cents?: number;
}
export interface Consequence {
  code: string; severity: Severity; message: string; values: Record<string, string | number | null>; items: ImpactItem[]; itemCount: number;
}
export interface Impact {
  subject: { type: 'product' | 'feature' | 'plan' | 'policy'; id: string; name: string };
  changes: { field: string; from: unknown; to: unknown }[];
  usage: { plans: number; customers: number; licenses: number; seats: number; computers: number };
  consequences: Consequence[];
  allowed: boolean;
}

export type CatalogueKind = 'products' | 'features' | 'policies' | 'plans';

const q = (value: string) => encodeURIComponent(value);
const all = <T>(http: HttpClient, path: string) => http.get<{ items: T[] }>(`${path}${path.includes('?') ? '&' : '?'}limit=200`);

export function catalogueApi(http: HttpClient) {
  return {
    products: () => all<CatalogueProduct>(http, '/v1/admin/products'),
    product: (id: string) => http.get<CatalogueProduct>(`/v1/admin/products/${q(id)}`),
    /** Without a product: every product's, to count them per product. */
    features: (product?: string) => all<CatalogueFeature>(http, `/v1/admin/features${product ? `?product=${q(product)}` : ''}`),
    policies: (product?: string) => all<CataloguePolicy>(http, `/v1/admin/policies${product ? `?product=${q(product)}` : ''}`),
    plans: (product?: string) => all<CataloguePlan>(http, `/v1/admin/plans${product ? `?product=${q(product)}` : ''}`),
    create: <T>(kind: CatalogueKind, body: object) => http.post<T>(`/v1/admin/${kind}`, body),
    update: <T>(kind: CatalogueKind, id: string, patch: object) => http.patch<T>(`/v1/admin/${kind}/${q(id)}`, patch),
    /** What the same PATCH would affect, changing nothing. */
    impact: (kind: CatalogueKind, id: string, patch: object) => http.post<Impact>(`/v1/admin/${kind}/${q(id)}/impact`, patch),
    addUpgrade: (planId: string, to: string) => http.post<CataloguePlan>(`/v1/admin/plans/${q(planId)}/upgrades`, { to }),
    removeUpgrade: (planId: string, to: string) => http.delete<CataloguePlan>(`/v1/admin/plans/${q(planId)}/upgrades/${q(to)}`),
  };
}

export type CatalogueApi = ReturnType<typeof catalogueApi>;
