import { createHash, sign, type KeyObject } from 'node:crypto';
import { JWS_TYPES } from '@leasehold/core';

export const KEY_CERTIFICATE_TYPE = JWS_TYPES.keyCertificate;
export const RETIRED_KEYS_TYPE = JWS_TYPES.retiredKeys;

export const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** JWS compact serialisation, EdDSA over Ed25519. */
export function compactJws(key: KeyObject, kid: string, type: string, claims: object): string {
  const input = `${b64({ alg: 'EdDSA', typ: type, kid })}.${b64(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/** RFC 7638 thumbprint: the key id is derived from the key, so it is stable wherever it is computed. */
export function thumbprint(x: string): string {
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
}
