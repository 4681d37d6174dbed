import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { collectComponents, FINGERPRINT_SOURCES } from './collect.ts';
import { cleanValue, COMPONENT_NAMES, type RawComponents } from './components.ts';
import type { SystemProbe } from './probe.ts';
import { recordedProbe } from './recorded-probe.ts';

// One suite for every operating system's source, run over each recorded machine of that OS.
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const scenarios = await Promise.all((await readdir(FIXTURES)).sort().map(async (name) => {
  const dir = path.join(FIXTURES, name);
  const { platform, probe } = await recordedProbe(dir);
  const expected = JSON.parse(await readFile(path.join(dir, 'expected.json'), 'utf8')) as { about: string; components: RawComponents };
  return { name, platform, probe, expected };
}));

const nothing: SystemProbe = { readFile: async () => null, listDir: async () => null, realPath: async () => null, run: async () => null };
const broken: SystemProbe = {
  readFile: async () => { throw new Error('EIO'); },
  listDir: async () => ['eth0'],
  realPath: async () => '/sys/devices/pci0000:00/net/eth0',
  run: async () => 'not json {',
};

for (const source of Object.values(FINGERPRINT_SOURCES)) {
  const mine = scenarios.filter((s) => s.platform === source.platform);

  describe(`fingerprint source: ${source.platform}`, () => {
    test('has recorded machines to be tested on', () => {
      assert.ok(mine.length >= 2, `at least two recorded machines for ${source.platform}`);
    });

    for (const scenario of mine) {
      test(`${scenario.name}: the recorded machine's components, and only those`, async () => {
        assert.deepEqual(await source.collect(scenario.probe), scenario.expected.components);
      });
    }

    test('every value is a known component, tidy and no placeholder', async () => {
      for (const scenario of mine) {
        for (const [name, value] of Object.entries(await source.collect(scenario.probe))) {
          assert.ok((COMPONENT_NAMES as readonly string[]).includes(name), `${scenario.name}: ${name} is a known component`);
          assert.equal(cleanValue(value), value, `${scenario.name}: ${name} is already clean`);
        }
      }
    });

    test('the same machine twice gives the same components', async () => {
      for (const scenario of mine) assert.deepEqual(await source.collect(scenario.probe), await source.collect(scenario.probe));
    });

    test('a machine that answers nothing gives no components, not made-up ones', async () => {
      assert.deepEqual(await source.collect(nothing), {});
    });

    test('unreadable or garbled answers are left out, never guessed at (free text such as a CPU brand passes as it is)', async () => {
      const collected = await collectComponents({ platform: source.platform, probe: broken });
      assert.deepEqual(Object.keys(collected).filter((n) => n !== 'cpu'), [], 'nothing is read from unparseable output');
    });
  });
}

test('a platform without a source collects nothing (the server then answers TOO_FEW_COMPONENTS)', async () => {
  assert.deepEqual(await collectComponents({ platform: 'freebsd', probe: nothing }), {});
});
