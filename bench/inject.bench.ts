// The machine API's cost per request without sockets or a load generator: the app in this process,
// driven by Fastify's inject, so a change to the request path shows up in microseconds.
//   node --import tsx bench/inject.bench.ts [requests=20000]
import { createHarness, fingerprint, json, seedCustomer } from '../packages/server/src/testing/harness.ts';
import Fastify from 'fastify';
import { DEMO } from '../packages/server/src/demo/demo-catalog.ts';

const REQUESTS = Number(process.argv[2] ?? 20_000);
const h = await createHarness('sqlite');
const customer = await seedCustomer(h, [DEMO.desktop.plan, DEMO.desktop.plan]);
const activated = json(await h.request({
  method: 'POST', url: '/v1/activations', headers: { authorization: customer.basic },
  payload: { product: DEMO.desktop.product, fingerprint: fingerprint('inject'), hostName: 'inject-pc', platform: 'linux', appVersion: '1' },
}));
const id = activated.activation.id as string;
const body = JSON.stringify({ fingerprint: fingerprint('inject') });

// The floor: a bare Fastify route that parses the same body and answers a small JSON body.
const bare = Fastify();
bare.post('/bare/:id', async (request) => ({ valid: true, code: 'VALID', activation: { id: (request.params as { id: string }).id } }));

async function measure(name: string, url: string, app = h.app): Promise<void> {
  const run = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const response = await app.inject({ method: 'POST', url, headers: { authorization: customer.basic, 'content-type': 'application/json' }, payload: body });
      if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
    }
  };
  await run(2_000);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await run(REQUESTS);
  const wall = Number(process.hrtime.bigint() - started) / 1000 / REQUESTS;
  const used = process.cpuUsage(cpu);
  console.log(`${name.padEnd(10)} ${wall.toFixed(1).padStart(6)} µs wall  ${((used.user + used.system) / REQUESTS).toFixed(1).padStart(6)} µs CPU per request`);
}

await measure('bare', `/bare/${id}`, bare);
await measure('validate', `/v1/activations/${id}/validate`);
await measure('check-in', `/v1/activations/${id}/check-in`);
await h.close();
