import { z } from 'zod';

const PublicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});

/** The published keys, as `/.well-known/jwks.json` serves them and a response file carries them. */
export const PublishedKeysSchema = z.object({
  keys: z.array(PublicJwkSchema.extend({
    leasehold_cert: z.string().describe('The root key\'s certificate of this key: JWS compact (EdDSA, typ leasehold-key-certificate+jwt) over { sub: kid, crv, x, iat }.'),
  })).describe('The signing keys in use: a plain JWKS to any JOSE library.'),
  leasehold_root: PublicJwkSchema.describe('The vendor\'s root key, which certifies the signing keys. Apps are built to trust it (`leasehold keys trusted`); fetched from here it proves nothing.'),
  leasehold_retired: z.string().describe('The retired signing keys: JWS compact by the root key (typ leasehold-retired-keys+jwt) over { retired: [kid], iat }.'),
});
