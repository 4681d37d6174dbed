import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so keys read over the phone are not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % 32];
  return out;
}

/** A key a person types: groups of five characters, e.g. `7KQ2M-X9D4P-...`. 100 bits in the default 20 characters. */
export function generateReadableKey(groups = 4): string {
  const chars = base32(randomBytes(groups * 5), groups * 5);
  return chars.match(/.{5}/g)!.join('-');
}

/** Upper-cases and drops separators and spaces, so `7kq2m x9d4p` and `7KQ2M-X9D4P` are the same key. */
export function normalizeReadableKey(key: string): string {
  return key.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** A machine credential: a prefix saying what it is, then 32 random bytes. */
export function generateToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * Keys are random and long, so one SHA-256 is the right hash: it is what lets a key be found by its
 * hash in one indexed lookup. Passwords, which people choose, use argon2id instead.
 */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** What is shown to identify a key without revealing it. */
export function keyPrefix(key: string): string {
  return key.slice(0, Math.min(12, Math.floor(key.length / 3)));
}
