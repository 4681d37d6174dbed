import { randomBytes } from 'node:crypto';
import { matchFingerprint, type Fingerprint } from '@leasehold/core';
import type { ClientCore } from './client-core.ts';
import { LeaseholdError } from './errors.ts';
import { hashComponents } from './fingerprint/components.ts';
import { asLeaseClaims, LEASE_JWT_TYPE, OFFLINE_RESPONSE_JWT_TYPE } from './lease-verifier.ts';
import { offlineRequestFile, parseOfflineResponseFile } from './offline-files.ts';
import { emptyState, type StoredState } from './state-store.ts';

/**
 * The request file's content. Its nonce is kept, so only the response to this computer's latest
 * request is accepted. The salt must be known already (baked in) unless the server is reachable.
 */
export async function writeOfflineRequest(core: ClientCore): Promise<string> {
  const { options } = core;
  const state = core.store.read() ?? emptyState(options.product, core.clock.now());
  let salt = options.fingerprintSalt ?? state.fingerprintSalt;
  if (!salt && options.serverUrl) salt = await core.ensureSalt(state, core.api()).catch(() => undefined);
  if (!salt) {
    throw new LeaseholdError('NO_FINGERPRINT_SALT', 'The product\'s fingerprint salt is not known on this computer. Build it into the app (fingerprintSalt) or pass --salt.');
  }
  state.fingerprintSalt = salt;
  const now = core.now(state);
  state.pendingOffline = { nonce: randomBytes(18).toString('base64url'), createdAt: now };
  core.store.write(state);
  const fingerprint = hashComponents(await core.rawComponents(true), salt);
  return offlineRequestFile({
    product: options.product, ...(options.feature ? { feature: options.feature } : {}), ...core.machine(fingerprint),
    nonce: state.pendingOffline.nonce, createdAt: new Date(now).toISOString(),
  });
}

/**
 * Verifies a response file (a trusted key signed it, it answers the pending request, its lease is
 * for this product and this computer) and keeps its lease as an air-gapped activation.
 */
export async function importOfflineResponse(core: ClientCore, content: string): Promise<{ state: StoredState; fingerprint: Fingerprint }> {
  const { product } = core.options;
  const state = core.store.read();
  const pending = state?.pendingOffline;
  if (!state || !pending) throw new LeaseholdError('OFFLINE_FILE_INVALID', 'No activation request is waiting for an answer on this computer. Write a request file first, then import its response.');
  const file = parseOfflineResponseFile(content);
  if (core.trust.developmentOnly) throw new LeaseholdError('NO_TRUSTED_KEYS', 'The license server\'s public keys are not known on this computer. Build them into the app (trustedKeys) or pass --keys.');
  if (file.keys && typeof file.keys === 'object') core.trust.absorb(state, file.keys);
  const ring = core.keyRing(state);
  const response = ring.verify<{ nonce?: unknown; lease?: unknown }>(file.response, OFFLINE_RESPONSE_JWT_TYPE);
  if (!response.ok) throw new LeaseholdError('LEASE_UNTRUSTED', 'The response file was not signed by the license server this app trusts. Use the file the client portal gave back.');
  if (response.claims.nonce !== pending.nonce) {
    throw new LeaseholdError('OFFLINE_FILE_INVALID', 'This response file answers another request (an older one, or another computer\'s). Use the response to this computer\'s latest request file.');
  }
  const lease = typeof response.claims.lease === 'string' ? response.claims.lease : '';
  const verified = ring.verify(lease, LEASE_JWT_TYPE);
  const claims = verified.ok ? asLeaseClaims(verified.claims) : null;
  if (!claims || claims.prod !== product) throw new LeaseholdError('OFFLINE_FILE_INVALID', `This response file is not a license for ${product}.`);
  const fingerprint = hashComponents(await core.rawComponents(true), state.fingerprintSalt ?? '');
  if (!matchFingerprint(claims.fp, fingerprint, claims.tol).same) {
    throw new LeaseholdError('OFFLINE_FILE_INVALID', 'This response file was made for another computer. Write the request on the computer that will run the app.');
  }
  core.forgetActivation(state);
  Object.assign(state, { lease, activationId: claims.sub, airGapped: true });
  delete state.pendingOffline;
  delete state.deactivatedAt;
  core.store.write(state);
  return { state, fingerprint };
}
