import os from 'node:os';
import type { Fingerprint, LeaseClaims } from '@leasehold/core';
import type { Clock, LeaseholdClientOptions } from './client-options.ts';
import { LeaseholdError } from './errors.ts';
import { collectComponents } from './fingerprint/collect.ts';
import { hashComponents, type RawComponents } from './fingerprint/components.ts';
import type { PublishedKeys } from '@leasehold/core';
import { KeyTrust } from './key-trust.ts';
import { asLeaseClaims, LEASE_JWT_TYPE, type KeyRing } from './lease-verifier.ts';
import { ServerApi, type MachineDetails } from './server-api.ts';
import { StateStore, type StoredState } from './state-store.ts';
import { evaluateStatus, type LicenseStatus } from './status.ts';

/**
 * What every client operation shares: the state file, the clock corrected by the server's, the
 * trusted keys, this computer's components and the server API. Internal to the SDK.
 */
export class ClientCore {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly trust: KeyTrust;
  private components: Promise<RawComponents> | null = null;

  constructor(readonly options: LeaseholdClientOptions) {
    this.store = new StateStore(options.dataDir, options.product);
    this.clock = options.clock ?? { now: () => Date.now() };
    this.trust = new KeyTrust(options.trustedKeys);
  }

  now(state: StoredState | null): number {
    return this.clock.now() + (state?.skewMs ?? 0);
  }

  verdict(state: StoredState | null, fingerprint: Fingerprint | null): LicenseStatus {
    return evaluateStatus({
      state, fingerprint, keys: this.keyRing(state), product: this.options.product, now: this.now(state), clockToleranceMs: this.options.clockToleranceMs ?? 5 * 60_000,
    });
  }

  keyRing(state: StoredState | null): KeyRing {
    return this.trust.ring(state);
  }

  leaseClaims(state: StoredState | null): LeaseClaims | null {
    if (!state?.lease) return null;
    const verified = this.keyRing(state).verify(state.lease, LEASE_JWT_TYPE);
    return verified.ok ? asLeaseClaims(verified.claims) : null;
  }

  rawComponents(refresh = false): Promise<RawComponents> {
    if (!this.components || refresh) this.components = (this.options.collectComponents ?? collectComponents)().catch(() => ({}));
    return this.components;
  }

  async currentFingerprint(state: StoredState | null): Promise<Fingerprint | null> {
    const salt = this.options.fingerprintSalt ?? state?.fingerprintSalt;
    return salt ? hashComponents(await this.rawComponents(), salt) : null;
  }

  machine(fingerprint: Fingerprint): MachineDetails {
    return {
      fingerprint,
      hostName: (this.options.hostName ?? os.hostname()).slice(0, 255) || 'unknown',
      platform: (this.options.platform ?? `${process.platform} ${os.release()}`).slice(0, 64),
      appVersion: this.options.appVersion.slice(0, 64),
    };
  }

  api(): ServerApi {
    if (!this.options.serverUrl) throw new LeaseholdError('NO_SERVER', 'No license server is configured (serverUrl).');
    return new ServerApi(this.options.serverUrl, this.options.fetch ?? fetch, this.options.requestTimeoutMs ?? 15_000);
  }

  async ensureSalt(state: StoredState, api: ServerApi): Promise<string> {
    const salt = this.options.fingerprintSalt ?? state.fingerprintSalt ?? (await api.clientConfig(this.options.product)).body.fingerprintSalt;
    state.fingerprintSalt = salt;
    return salt;
  }

  /**
   * Reads the server's published keys: signing keys its root certified (a rotation) and the newest
   * list of retired keys. What it publishes counts only as far as the built-in keys vouch for it.
   */
  async refreshKeys(state: StoredState, api: ServerApi): Promise<void> {
    const { body } = await api.jwks();
    this.trust.absorb(state, body as Partial<PublishedKeys>);
  }

  async acceptLease(state: StoredState, lease: string, api: ServerApi): Promise<void> {
    let verified = this.keyRing(state).verify(lease, LEASE_JWT_TYPE);
    if (!verified.ok && verified.reason === 'unknown_key') {
      await this.refreshKeys(state, api);
      verified = this.keyRing(state).verify(lease, LEASE_JWT_TYPE);
    }
    if (!verified.ok) throw new LeaseholdError('LEASE_UNTRUSTED', 'The server sent a lease this app cannot verify. Check that serverUrl points at your license server.');
    const claims = asLeaseClaims(verified.claims);
    if (!claims || claims.prod !== this.options.product) throw new LeaseholdError('INVALID_RESPONSE', `The server sent a lease that is not for ${this.options.product}.`);
    state.lease = lease;
    state.activationId = claims.sub;
  }

  /** The server's clock is the reference: a clock that is merely wrong is corrected for, only one set back since is a rollback. */
  anchor(state: StoredState, serverTime: number | null): void {
    if (serverTime === null) return;
    const local = this.clock.now();
    state.skewMs = Math.abs(serverTime - local) < 5_000 ? 0 : serverTime - local;
    state.lastSeenAt = local + state.skewMs;
  }

  clearTrouble(state: StoredState): void {
    state.failures = 0;
    for (const key of ['refusal', 'releasedOnExit', 'lastFailureAt', 'lastError', 'nextAttemptAt'] as const) delete state[key];
  }

  forgetActivation(state: StoredState): void {
    for (const key of ['lease', 'activationId', 'activationSecret', 'refusal', 'airGapped', 'releasedOnExit'] as const) delete state[key];
  }
}
