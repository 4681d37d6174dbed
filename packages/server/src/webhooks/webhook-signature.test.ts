import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signatureHeader, verifySignatureHeader } from './webhook-signature.ts';

test('a signature verifies only with the secret, the same body and a recent timestamp', () => {
  const body = '{"id":"e1","type":"license.issued"}';
  const header = signatureHeader('whsec_a', 1_800_000_000, body);
  assert.match(header, /^t=1800000000,v1=[0-9a-f]{64}$/);
  const cases: [string, boolean, string, string, number][] = [
    ['as sent', true, 'whsec_a', body, 1_800_000_010],
    ['another secret', false, 'whsec_b', body, 1_800_000_010],
    ['a changed body', false, 'whsec_a', body.replace('e1', 'e2'), 1_800_000_010],
    ['six minutes later', false, 'whsec_a', body, 1_800_000_360],
  ];
  for (const [what, ok, secret, text, now] of cases) assert.equal(verifySignatureHeader(secret, header, text, now), ok, what);
  for (const bad of ['', 't=x,v1=00', `t=1800000000`, 'v1=abc']) assert.equal(verifySignatureHeader('whsec_a', bad, body, 1_800_000_000), false, bad);
});
