import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base32Encode, hotp, otpauthUri, totpCode, verifyTotp } from './totp.ts';

// RFC 6238 appendix B, SHA-1 key "12345678901234567890"; the 8-digit values, of which we keep 6.
const KEY = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  for (const [seconds, expected] of [[59, '94287082'], [1111111109, '07081804'], [1234567890, '89005924'], [2000000000, '69279037']] as const) {
    it(`matches the RFC test vector at ${seconds} s`, () => {
      assert.equal(hotp(base32Decode(KEY), Math.floor(seconds / 30), 8), expected);
      assert.equal(totpCode(KEY, seconds * 1000), expected.slice(2));
    });
  }

  it('round-trips base32', () => {
    assert.equal(KEY, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.equal(base32Decode(KEY).toString(), '12345678901234567890');
  });

  it('accepts one step either side, not two, and each step once', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    assert.equal(verifyTotp(KEY, totpCode(KEY, now - 30_000), now, null), step - 1);
    assert.equal(verifyTotp(KEY, totpCode(KEY, now + 30_000), now, null), step + 1);
    assert.equal(verifyTotp(KEY, totpCode(KEY, now - 60_000), now, null), null);
    assert.equal(verifyTotp(KEY, totpCode(KEY, now), now, step), null);
    assert.equal(verifyTotp(KEY, 'abcdef', now, null), null);
  });

  it('writes an otpauth URI', () => {
    assert.match(otpauthUri('Leasehold', 'a@b.example', KEY), /^otpauth:\/\/totp\/Leasehold%3Aa%40b\.example\?secret=GEZ.*&issuer=Leasehold/);
  });
});
