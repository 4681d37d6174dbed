import type { LightMyRequestResponse } from 'fastify';
import { json, seedIntegrationKey, type Harness, type TestCustomer } from './harness.ts';
import { browser, logOn, registerAccount, sessionOf, type PortalSession } from './portal-fixtures.ts';

export interface Reported {
  kind: string;
  externalId: string;
  name: string;
  reachable?: boolean;
  synchronised?: boolean;
}

const sessions = new WeakMap<Harness, Map<string, Promise<PortalSession>>>();

/**
 * The session of a person of the customer's: registered with the registration details on first
 * use, kept for the harness, and logged on again with email and password once `renew` says the
 * test clock ended it.
 */
export function customerSession(h: Harness, customer: Pick<TestCustomer, 'id' | 'registration'>, renew = false): Promise<PortalSession> {
  let byCustomer = sessions.get(h);
  if (!byCustomer) sessions.set(h, (byCustomer = new Map()));
  const known = byCustomer.get(customer.id);
  const session = !known
    ? registerAccount(h, customer, { name: 'Clinic Manager' })
    : renew ? known.then(async (ended) => sessionOf(await logOn(h, ended.user.email))) : known;
  byCustomer.set(customer.id, session);
  return session;
}

/** Calls the seat-management API as a person of the customer's would: the client portal's session, with its CSRF token on changes. */
export function accountClient(h: Harness, customer: Pick<TestCustomer, 'id' | 'registration'>) {
  const send = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload: object | undefined, renew: boolean) => {
    const session = browser(h, await customerSession(h, customer, renew));
    return method === 'GET' ? session.get(url) : method === 'POST' ? session.post(url, payload) : session.delete(url, payload);
  };
  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse> => {
    const response = await send(method, url, payload, false);
    const ended = response.statusCode === 401 && json(response).code === 'UNAUTHENTICATED';
    return ended ? send(method, url, payload, true) : response;
  };
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
