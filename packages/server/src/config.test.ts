import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFromEnv } from './config.ts';

const accepted: [value: string | undefined, trustProxy: unknown][] = [
  [undefined, false],
  ['', false],
  ['false', false],
  ['FALSE', false],
  ['0', false],
  ['1', 1],
  [' 2 ', 2],
  ['10.0.0.2', ['10.0.0.2']],
  ['10.0.0.2, 10.0.0.0/8,::1', ['10.0.0.2', '10.0.0.0/8', '::1']],
  ['loopback', ['loopback']],
];
for (const [value, trustProxy] of accepted) {
  test(`LEASEHOLD_TRUST_PROXY=${JSON.stringify(value)} is read as ${JSON.stringify(trustProxy)}`, () => {
    assert.deepEqual(configFromEnv({ LEASEHOLD_TRUST_PROXY: value }).trustProxy, trustProxy);
  });
}

const refused: [value: string, says: RegExp][] = [
  ['true', /LEASEHOLD_TRUST_PROXY=true is no longer accepted: .*left-most X-Forwarded-For.*Write the number of reverse proxies in front of Leasehold \(usually 1\), or their addresses/],
  ['True', /LEASEHOLD_TRUST_PROXY=true is no longer accepted/],
  ['yes', /LEASEHOLD_TRUST_PROXY must be the number of reverse proxies .* or their addresses or CIDRs .*"yes" is not a list of addresses/],
  ['-1', /LEASEHOLD_TRUST_PROXY must be .*"-1" is not a whole number of proxies/],
  ['1.5', /LEASEHOLD_TRUST_PROXY must be .*"1.5" is not a whole number of proxies/],
  ['10.0.0.0/33', /LEASEHOLD_TRUST_PROXY must be .*"10.0.0.0\/33" is not a list of addresses/],
  ['10.0.0.2,,10.0.0.3', /LEASEHOLD_TRUST_PROXY must be .*an empty entry/],
];
for (const [value, says] of refused) {
  test(`LEASEHOLD_TRUST_PROXY=${value} is refused with what to write`, () => {
    assert.throws(() => configFromEnv({ LEASEHOLD_TRUST_PROXY: value }), says);
  });
}
