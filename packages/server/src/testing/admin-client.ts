import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { json, type Harness } from './harness.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The admin API as a test calls it: `const admin = adminClient(h); const page = await admin.ok('GET', '/v1/admin/products');` */
export function adminClient(h: Harness) {
  const send = (method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    h.request({ method, url, headers: { authorization: `Bearer ${h.adminKey}` }, ...(payload === undefined ? {} : { payload: payload as any }) });

  /** Sends and asserts a 200 answer, returning the parsed body. */
  const ok = async (method: Method, url: string, payload?: unknown): Promise<any> => {
    const response = await send(method, url, payload);
    assert.equal(response.statusCode, 200, `${method} ${url} answers 200: ${response.body}`);
    return json(response);
  };

  /** POSTs and asserts 201 Created, returning the parsed body. */
  const create = async (url: string, payload?: unknown): Promise<any> => {
    const response = await send('POST', url, payload);
    assert.equal(response.statusCode, 201, `POST ${url} answers 201: ${response.body}`);
    return json(response);
  };

  /** The newest event of a type (about a subject), read through the admin events API. */
  const lastEvent = async (type: string, subjectId?: string): Promise<any> => {
    const page = await ok('GET', `/v1/admin/events?type=${encodeURIComponent(type)}&limit=1${subjectId ? `&subjectId=${subjectId}` : ''}`);
    assert.equal(page.items.length, 1, `an event ${type} was written`);
    return page.items[0];
  };

  return { send, ok, create, lastEvent };
}
