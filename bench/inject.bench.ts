// The machine API's cost per request without sockets or a load generator: the app in this process,
// driven by Fastify's inject, so a change to the request path shows up in microseconds. Requests run
// `concurrency` at a time over as many activations, so check-ins share commits as under load; the
// machine API goes through the fast lane as node:http requests do (light-my-request), the bare route
// through Fastify.
//   node --import tsx bench/inject.bench.ts [requests=20000] [concurrency=50]
//   INJECT_SYNC=normal   SQLite synchronous mode (default full, as the server runs)
import Fastify, { type InjectOptions } from 'fastify';
import { DEMO } from '../packages/server/src/demo/demo-catalog.ts';
import { createHarness, fingerprint, json, seedCustomer } from '../packages/server/src/testing/harness.ts';

const REQUESTS = Number(process.argv[2] ?? 20_000);
const CONCURRENCY = Number(process.argv[3] ?? 50);
const h = await createHarness('sqlite', { sqliteSynchronous: process.env.INJECT_SYNC === 'normal' ? 'normal' : 'full' });
const customer = await seedCustomer(h, Array.from({ length: CONCURRENCY }, () => DEMO.desktop.plan));
const ids: string[] = [];
for (let i = 0; i < CONCURRENCY; i++) {
  const activated = json(await h.request({
    method: 'POST', url: '/v1/activations', headers: { authorization: customer.basic },
    payload: { product: DEMO.desktop.product, fingerprint: fingerprint(`inject-${i}`), hostName: `inject-${i}`, platform: 'linux', appVersion: '1' },
  }));
  ids.push(activated.activation.id as string);
}
const bodies = ids.map((_, i) => JSON.stringify({ fingerprint: fingerprint(`inject-${i}`) }));

// The floor: a bare Fastify route that parses the same body and answers a small JSON body.
const bare = Fastify();
bare.post('/bare/:id', async (request) => ({ valid: true, code: 'VALID', activation: { id: (request.params as { id: string }).id } }));

type Send = (options: InjectOptions) => Promise<{ statusCode: number; body: string }>;

/** Through the fast lane, as node:http gives the server its requests. */
async function measure(name: string, path: (id: string) => string, send: Send = (options) => h.request(options)): Promise<void> {
  const run = async (count: number) => {
    const lane = async (i: number) => {
      for (let k = i; k < count; k += CONCURRENCY) {
        const response = await send({ method: 'POST', url: path(ids[i]), headers: { authorization: customer.basic, 'content-type': 'application/json' }, payload: bodies[i] });
        if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
      }
    };
    await Promise.all(ids.map((_, i) => lane(i)));
  };
  await run(4_000);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await run(REQUESTS);
  const wall = Number(process.hrtime.bigint() - started) / 1000 / REQUESTS;
  const used = process.cpuUsage(cpu);
  console.log(`${name.padEnd(10)} ${wall.toFixed(1).padStart(6)} µs wall  ${(used.user / REQUESTS).toFixed(1).padStart(6)} µs user  ${(used.system / REQUESTS).toFixed(1).padStart(6)} µs system per request`);
}

await measure('bare', (id) => `/bare/${id}`, (options) => bare.inject(options));
await measure('validate', (id) => `/v1/activations/${id}/validate`);
await measure('check-in', (id) => `/v1/activations/${id}/check-in`);
await h.close();
