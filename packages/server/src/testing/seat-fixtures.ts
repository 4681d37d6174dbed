import type { LightMyRequestResponse } from 'fastify';
import { json, seedIntegrationKey, type Harness, type TestCustomer } from './harness.ts';

export interface Reported {
  kind: string;
  externalId: string;
  name: string;
  reachable?: boolean;
  synchronised?: boolean;
}

/** Calls the seat-management API as the customer, with their registration details. */
export function accountClient(h: Harness, customer: Pick<TestCustomer, 'basic'>) {
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse> =>
    h.request({ method, url, headers: { authorization: customer.basic }, ...(payload ? { payload } : {}) });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: object) => call('POST', url, payload),
    delete: (url: string, payload?: object) => call('DELETE', url, payload),
    /** Pool totals by feature code: [capacity, assigned, unassigned]. */
    async totals(): Promise<Record<string, [number, number, number]>> {
      const pools = json(await call('GET', '/v1/account/pools')).items as any[];
      return Object.fromEntries(pools.map((p) => [p.feature.code, [p.capacity, p.assigned, p.unassigned]]));
    },
  };
}

/** Calls the integration API as the customer's EMR bridge. */
export async function bridgeFor(h: Harness, customerId: string) {
  const key = await seedIntegrationKey(h, customerId);
  const report = async (resources: Reported[], options: { fullSync?: boolean; kinds?: string[] } = {}) =>
    h.request({
      method: 'PUT',
      url: '/v1/integration/resources',
      headers: { authorization: `Bearer ${key}` },
      payload: { resources: resources.map((r) => ({ reachable: true, synchronised: true, ...r })), ...options },
    });
  return {
    key,
    report,
    /** Reports the resources and answers their ids by name. */
    async ids(resources: Reported[]): Promise<Record<string, string>> {
      const body = json(await report(resources));
      return Object.fromEntries((body.resources as any[]).map((r) => [r.name, r.id]));
    },
  };
}

export const providers = (...names: string[]): Reported[] => names.map((name) => ({ kind: 'provider', externalId: `prov-${name}`, name }));
export const schedules = (...names: string[]): Reported[] => names.map((name) => ({ kind: 'schedule', externalId: `sched-${name}`, name }));
