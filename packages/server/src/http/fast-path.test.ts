import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { z } from 'zod';
import { CheckInBody, ValidateBody } from '../activations/activation.schemas.ts';
import { fingerprint } from '../testing/harness.ts';
import { IdParams, fastPathOf } from './schemas.ts';

// A fast path may decline anything (zod then decides), but what it accepts must be exactly what the
// schema accepts and returns unchanged.

/** A small deterministic generator, so a failure is repeatable. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, pick };
}

const TEXTS = ['reception-pc', 'win32 10.0.22631', ' padded', 'padded ', '', 'x', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(255), 'x'.repeat(256), 'é', '\t'];
const HASHES = ['a'.repeat(64), 'a'.repeat(8), 'a'.repeat(7), 'a'.repeat(256), 'a'.repeat(257), ' ' + 'a'.repeat(63), ''];
const NAMES = ['machine_id', 'disk.serial', 'mac-1', 'bad name', 'ü', '', 'n'.repeat(64), 'n'.repeat(65), '__proto__', 'constructor', 'toString'];
const OTHERS: unknown[] = [null, 1, true, [], ['a'], {}, undefined];

function someFingerprint(r: ReturnType<typeof random>): unknown {
  if (r.next() < 0.1) return r.pick(OTHERS);
  const count = r.next() < 0.1 ? 33 + Math.floor(r.next() * 3) : Math.floor(r.next() * 7);
  const entries: [string, unknown][] = [];
  for (let i = 0; i < count; i++) {
    const name = count > 32 ? `c${i}` : r.pick(NAMES);
    entries.push([name, r.next() < 0.9 ? r.pick(HASHES) : r.pick(OTHERS)]);
  }
  // Through JSON, as a request body arrives: a "__proto__" name becomes an own property.
  return JSON.parse(JSON.stringify(Object.fromEntries(entries)));
}

function someBody(r: ReturnType<typeof random>, keys: string[]): unknown {
  if (r.next() < 0.05) return r.pick(OTHERS);
  const body: Record<string, unknown> = {};
  for (const key of [...keys, 'extra']) {
    if (r.next() < (key === 'extra' ? 0.1 : 0.6)) body[key] = key === 'fingerprint' ? someFingerprint(r) : r.next() < 0.9 ? r.pick(TEXTS) : r.pick(OTHERS);
  }
  return body;
}

/** `compare` maps input and output before they are compared, e.g. to leave the prototype out. */
function holdsToSchema(name: string, schema: z.ZodType, inputs: unknown[], typical: unknown[], compare = (value: unknown) => value) {
  test(`${name}: every input the fast path accepts, zod accepts and returns unchanged`, () => {
    const accepts = fastPathOf(schema);
    assert.ok(accepts, `${name} has a fast path`);
    let accepted = 0;
    for (const input of inputs) {
      if (!accepts(input)) continue;
      accepted++;
      const parsed = schema.safeParse(input);
      assert.ok(parsed.success, `zod refuses what the fast path accepts: ${JSON.stringify(input)}`);
      assert.deepEqual(compare(parsed.data), compare(input), `zod changes what the fast path accepts: ${JSON.stringify(input)}`);
    }
    assert.ok(accepted > 0, 'the generated inputs reach the fast path');
    for (const input of typical) assert.equal(accepts(input), true, `the fast path takes the usual request ${JSON.stringify(input)}`);
  });
}

describe('fast paths of the hot routes\' schemas', () => {
  const r = random(20_261_124);
  const generated = (keys: string[]) => Array.from({ length: 5_000 }, () => someBody(r, keys));
  const usual = { fingerprint: fingerprint('usual') };

  holdsToSchema('check-in body', CheckInBody, generated(['fingerprint', 'hostName', 'platform', 'appVersion']), [
    usual,
    { ...usual, hostName: 'reception-pc', platform: 'win32 10.0.22631', appVersion: '4.2.0' },
  ]);
  holdsToSchema('validate body', ValidateBody, [...generated(['fingerprint']), undefined, null], [usual, {}]);
  // The router's parameters inherit from an empty prototype that has none itself.
  const routerParams = (values: object) => Object.assign(Object.create(Object.create(null)), values) as object;
  const withInherited = Object.assign(Object.create({ inherited: 'x' }), { id: 'a' }) as object;
  holdsToSchema('id parameter', IdParams, [
    ...Array.from({ length: 500 }, () => ({ id: r.pick(TEXTS) })),
    ...Array.from({ length: 500 }, () => routerParams({ id: r.pick(TEXTS) })),
    {}, { id: 1 }, { id: 'a', other: 'b' }, null, [], withInherited, routerParams({}),
  ], [{ id: '01a20dd8-1a07-7108-8e5e-5a46f078963b' }, routerParams({ id: '01a20dd8-1a07-7108-8e5e-5a46f078963b' })], (value) => ({ ...(value as object) }));

  test('an object inheriting properties is left to zod', () => {
    assert.equal(fastPathOf(IdParams)!(withInherited), false);
  });

  test('a body with a "__proto__" component is left to zod', () => {
    const body = JSON.parse(`{"fingerprint":{"__proto__":"${'a'.repeat(64)}","machine_id":"${'b'.repeat(64)}"}}`);
    assert.equal(fastPathOf(CheckInBody)!(body), false);
  });
});
