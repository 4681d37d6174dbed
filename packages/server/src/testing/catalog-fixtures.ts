import assert from 'node:assert/strict';
import { DEMO } from '../demo/demo-catalog.ts';
import { fingerprint, json, seedCustomer, type Harness, type TestCustomer } from './harness.ts';
import { accountClient, bridgeFor, schedules } from './seat-fixtures.ts';

/** Calls the machine API as the customer's app. */
async function machine(h: Harness, customer: TestCustomer, url: string, payload: object): Promise<any> {
  const response = await h.request({ method: 'POST', url, headers: { authorization: customer.basic }, payload });
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return json(response);
}

/** Activates a computer of the desktop product; answers its activation id. */
export async function activateComputer(h: Harness, customer: TestCustomer, hostName: string, fp: Record<string, string>): Promise<string> {
  const answer = await machine(h, customer, '/v1/activations', { product: DEMO.desktop.product, fingerprint: fp, hostName, platform: 'win32 10.0', appVersion: '1.0.0' });
  assert.equal(answer.valid, true, JSON.stringify(answer));
  return answer.activation.id;
}

/** Checks in with some components changed, recorded as drift within the tolerance. */
export async function driftComputer(h: Harness, customer: TestCustomer, activationId: string, fp: Record<string, string>, changed: string[]): Promise<void> {
  const presented = { ...fp, ...Object.fromEntries(changed.map((name) => [name, `${fp[name]}-replaced`])) };
  const answer = await machine(h, customer, `/v1/activations/${activationId}/check-in`, { fingerprint: presented });
  assert.deepEqual(answer.drift?.changed, [...changed].sort(), JSON.stringify(answer));
}

export interface CatalogWorld {
  /** Desktop license; ANNA-PC drifted by 2 components. */
  anna: TestCustomer;
  /** Desktop and Plus licenses; BERT-PC drifted by 1 component; Plus's online booking assigned to a schedule. */
  bert: TestCustomer;
  /** Desktop license; CLEO-PC presents only 3 components. */
  cleo: TestCustomer;
  /** Desktop license; reset twice from the app (counted), then DORA-PC activated. */
  dora: TestCustomer;
  /** A Plus license with nothing assigned. */
  eve: TestCustomer;
}

/** Customers whose use of the demo catalogue the impact rules are measured against. */
export async function seedCatalogWorld(h: Harness, tag: string): Promise<CatalogWorld> {
  const anna = await seedCustomer(h, [DEMO.desktop.plan], `Anna ${tag}`);
  const annaFp = fingerprint(`anna-${tag}`);
  await driftComputer(h, anna, await activateComputer(h, anna, `ANNA-PC-${tag}`, annaFp), annaFp, ['board_serial', 'disk_serial']);

  const bert = await seedCustomer(h, [DEMO.desktop.plan, DEMO.engagement.plus], `Bert ${tag}`);
  const bertFp = fingerprint(`bert-${tag}`);
  await driftComputer(h, bert, await activateComputer(h, bert, `BERT-PC-${tag}`, bertFp), bertFp, ['mac']);
  const rooms = await (await bridgeFor(h, bert.id)).ids(schedules(`Room ${tag}`));
  const assigned = await accountClient(h, bert).post('/v1/account/assignments', { feature: DEMO.engagement.features.booking, resourceId: rooms[`Room ${tag}`] });
  assert.ok(assigned.statusCode < 300, assigned.body);

  const cleo = await seedCustomer(h, [DEMO.desktop.plan], `Cleo ${tag}`);
  const { machine_id, board_serial, disk_serial } = fingerprint(`cleo-${tag}`);
  await activateComputer(h, cleo, `CLEO-PC-${tag}`, { machine_id, board_serial, disk_serial });

  const dora = await seedCustomer(h, [DEMO.desktop.plan], `Dora ${tag}`);
  for (const n of [1, 2]) {
    const id = await activateComputer(h, dora, `DORA-OLD-${n}-${tag}`, fingerprint(`dora-old-${n}-${tag}`));
    const reset = await machine(h, dora, `/v1/activations/${id}/reset`, { reason: 'replaced the computer' });
    assert.equal(reset.budget?.used, n, JSON.stringify(reset));
  }
  await activateComputer(h, dora, `DORA-PC-${tag}`, fingerprint(`dora-${tag}`));

  const eve = await seedCustomer(h, [DEMO.engagement.plus], `Eve ${tag}`);
  return { anna, bert, cleo, dora, eve };
}
