import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { matchFingerprint, type AnswerCode, type Drift, type Fingerprint, type LeaseClaims } from '@leasehold/core';
import { LeaseholdError } from './errors.ts';
import { fingerprintReport, type FingerprintReport } from './fingerprint-report.ts';
import { collectComponents } from './fingerprint/collect.ts';
import { COMPONENT_NAMES, hashComponents, type ComponentName, type RawComponents } from './fingerprint/components.ts';
import { asLeaseClaims, KeyRing, LEASE_JWT_TYPE, OFFLINE_RESPONSE_JWT_TYPE, type Jwks, type PublicJwk } from './lease-verifier.ts';
import { offlineRequestFile, parseOfflineResponseFile } from './offline-files.ts';
import { MAX_SLEEP_MS, nextContactAt, retryDelayMs } from './schedule.ts';
import { ServerApi, type Answered, type MachineAnswer, type MachineDetails, type ResetBudget, type SeatHolder } from './server-api.ts';
import { emptyState, StateStore, type Credentials, type StoredState } from './state-store.ts';
import { evaluateStatus, type LicenseStatus } from './status.ts';

export interface Clock {
  now(): number;
}

export interface LeaseholdClientOptions {
  /** The product code the app is built for. */
  product: string;
  /** The feature computers activate; may be left out when the product has one. */
  feature?: string;
  appVersion: string;
  /** The app's data folder (Electron: `app.getPath('userData')`; otherwise `appDataDir('Your App')`). */
  dataDir: string;
  /** The license server, e.g. https://licenses.example.com. Not needed on an air-gapped computer. */
  serverUrl?: string;
  /** The product's fingerprint salt. Bake it in to work before any contact (air-gapped sites); otherwise it is read from the server once. */
  fingerprintSalt?: string;
  /** The server's public keys, baked in. Required to import an air-gapped response; otherwise pinned at the first activation. */
  trustedKeys?: Jwks | PublicJwk[];
  /** How far the clock may go back before it counts as rolled back. Default 5 minutes. */
  clockToleranceMs?: number;
  requestTimeoutMs?: number;
  hostName?: string;
  platform?: string;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Replaces this computer's component sources (tests, unusual hardware). */
  collectComponents?: () => Promise<RawComponents>;
  random?: () => number;
}

export type ActivationOutcome =
  | { activated: true; reactivated: boolean; status: LicenseStatus }
  | { activated: false; code: 'NO_FREE_SEAT'; detail: string; holders: SeatHolder[]; resetBudgets: { licenseId: string; budget: ResetBudget }[] }
  | { activated: false; code: 'TOO_FEW_COMPONENTS'; detail: string; presented: number; required: number; missing: ComponentName[] }
  | { activated: false; code: Exclude<AnswerCode, 'VALID' | 'NO_FREE_SEAT' | 'TOO_FEW_COMPONENTS'>; detail: string };

export interface ResetOutcome {
  resetId: string;
  licenseId: string;
  budget: ResetBudget;
}

const START_CONTACT = new Set<LicenseStatus['status']>(['check_in_due', 'offline', 'drifted', 'fingerprint_mismatch', 'lease_expired', 'refused']);
const HIGH_WATER_STEP_MS = 60_000;

/**
 * The license client an app embeds: activation, the offline check at every start, scheduled
 * check-ins, floating heartbeats, deactivation, seat resets and air-gapped activation.
 *
 * @example
 * const client = new LeaseholdClient({ serverUrl, product: 'clinic-desktop', appVersion: '5.2.0', dataDir: app.getPath('userData') });
 * const status = await client.start();
 * if (!status.usable) showActivationScreen(status.detail);
 * client.onStatus((s) => updateBanner(s));
 * // on quit: await client.stop();
 */
export class LeaseholdClient {
  private readonly store: StateStore;
  private readonly clock: Clock;
  private readonly trusted: PublicJwk[];
  private readonly statusListeners = new Set<(status: LicenseStatus) => void>();
  private readonly errorListeners = new Set<(error: unknown) => void>();
  private ring: { signature: string; ring: KeyRing } | null = null;
  private components: Promise<RawComponents> | null = null;
  private pendingCredentials: Credentials | null = null;
  private lastDrift: Drift | null = null;
  private published = '';
  private running = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LeaseholdClientOptions) {
    this.store = new StateStore(options.dataDir, options.product);
    this.clock = options.clock ?? { now: () => Date.now() };
    this.trusted = Array.isArray(options.trustedKeys) ? options.trustedKeys : (options.trustedKeys?.keys ?? []);
  }

  /** Where the lease is kept. */
  get stateFile(): string {
    return this.store.file;
  }

  // ---- offline ---------------------------------------------------------------------------------

  /**
   * The offline verdict for these component hashes: reads the stored lease, verifies its signature,
   * checks the clock, expiry and components. Synchronous and network-free (the start-up check).
   */
  evaluate(fingerprint: Fingerprint | null): LicenseStatus {
    return this.verdict(this.store.read(), fingerprint);
  }

  /** The offline verdict for this computer now; collects its components once per client. */
  async status(): Promise<LicenseStatus> {
    const state = this.store.read();
    const status = this.verdict(state, await this.currentFingerprint(state));
    const now = this.now(state);
    if (state && status.status !== 'clock_rollback' && now > state.lastSeenAt + HIGH_WATER_STEP_MS) {
      state.lastSeenAt = now;
      this.store.write(state);
    }
    return this.publish(status);
  }

  /** How the contact with the server has gone: for a "last checked in" line, or to tell offline from refused. */
  connection(): { lastCheckInAt: number | null; failures: number; lastError: string | null; nextAttemptAt: number | null } {
    const state = this.store.read();
    return { lastCheckInAt: state?.lastCheckInAt ?? null, failures: state?.failures ?? 0, lastError: state?.lastError ?? null, nextAttemptAt: state?.nextAttemptAt ?? null };
  }

  /** This computer's components, and which changed since the lease. */
  async fingerprint(options: { includeValues?: boolean } = {}): Promise<FingerprintReport> {
    const state = this.store.read();
    const raw = await this.rawComponents(true);
    const salt = this.options.fingerprintSalt ?? state?.fingerprintSalt;
    const report = fingerprintReport(raw, salt ? hashComponents(raw, salt) : null, this.leaseClaims(state));
    return options.includeValues ? { ...report, values: raw } : report;
  }

  // ---- online ----------------------------------------------------------------------------------

  /** ACTIVATE ONLINE with the customer's registration details (or `{ licenseKey }`). */
  async activate(customerNumber: string, registrationKey: string): Promise<ActivationOutcome>;
  async activate(credentials: Credentials): Promise<ActivationOutcome>;
  async activate(first: string | Credentials, registrationKey?: string): Promise<ActivationOutcome> {
    const credentials: Credentials = typeof first === 'string' ? { customerNumber: first, registrationKey: registrationKey ?? '' } : first;
    const api = this.api();
    let state = this.store.read();
    if (!state || state.product !== this.options.product) state = emptyState(this.options.product, this.clock.now());
    state.serverUrl = this.options.serverUrl;
    const salt = await this.ensureSalt(state, api);
    if (state.keys.length === 0) await this.refreshKeys(state, api);
    const raw = await this.rawComponents(true);
    const fingerprint = hashComponents(raw, salt);
    const { body, serverTime } = await api.activate({ product: this.options.product, feature: this.options.feature, ...this.machine(fingerprint) }, credentials);
    if (!body.valid || !body.lease) {
      this.store.write(state);
      this.pendingCredentials = credentials;
      if (body.code === 'NO_FREE_SEAT') return { activated: false, code: 'NO_FREE_SEAT', detail: body.detail, holders: body.holders ?? [], resetBudgets: body.resetBudgets ?? [] };
      if (body.code === 'TOO_FEW_COMPONENTS') {
        const missing = COMPONENT_NAMES.filter((n) => !raw[n]);
        return { activated: false, code: 'TOO_FEW_COMPONENTS', detail: body.detail, presented: body.presented ?? Object.keys(raw).length, required: body.required ?? 0, missing };
      }
      return { activated: false, code: body.code as Exclude<AnswerCode, 'VALID' | 'NO_FREE_SEAT' | 'TOO_FEW_COMPONENTS'>, detail: body.detail };
    }
    this.anchor(state, serverTime);
    await this.acceptLease(state, body.lease, api);
    this.clearTrouble(state);
    Object.assign(state, { credentials, airGapped: false, lastCheckInAt: this.now(state) });
    delete state.deactivatedAt;
    this.store.write(state);
    this.pendingCredentials = null;
    return { activated: true, reactivated: body.reactivated === true, status: this.publish(this.verdict(state, fingerprint)) };
  }

  /**
   * Checks in now (a heartbeat for floating seats): renews the lease and re-baselines drifted
   * components. Unreachable is not an error: the answer is the offline status and a retry is scheduled.
   */
  async checkIn(): Promise<LicenseStatus> {
    const state = this.store.read();
    if (!state?.activationId || !state.credentials || state.airGapped) return this.status();
    const fingerprint = hashComponents(await this.rawComponents(), state.fingerprintSalt ?? this.options.fingerprintSalt ?? '');
    const action = this.leaseClaims(state)?.mode === 'floating' ? 'heartbeat' : 'check-in';
    const api = this.api();
    let answered: Answered<MachineAnswer | { valid: false; code: 'NOT_FOUND'; detail: string }>;
    try {
      answered = await api.checkIn(state.activationId, this.machine(fingerprint), state.credentials, action);
    } catch (error) {
      if (error instanceof LeaseholdError && error.transient) {
        state.failures += 1;
        const now = this.now(state);
        Object.assign(state, { lastFailureAt: now, lastError: error.message, nextAttemptAt: now + retryDelayMs(state.failures, this.options.random) });
        this.store.write(state);
        return this.publish(this.verdict(state, fingerprint));
      }
      if (!(error instanceof LeaseholdError) || error.code !== 'NOT_FOUND') throw error;
      answered = { body: { valid: false, code: 'NOT_FOUND', detail: error.message }, serverTime: null };
    }
    const { body, serverTime } = answered;
    this.anchor(state, serverTime);
    this.clearTrouble(state);
    if (body.valid && 'lease' in body && body.lease) {
      await this.acceptLease(state, body.lease, api);
      state.lastCheckInAt = this.now(state);
      this.lastDrift = body.drift ?? null;
    } else {
      const extra = 'mismatched' in body ? { mismatched: body.mismatched, tolerance: body.tolerance } : {};
      state.refusal = { code: body.code, detail: body.detail, at: this.now(state), ...extra };
      delete state.lease;
    }
    this.store.write(state);
    const status = this.verdict(state, fingerprint);
    return this.publish(status.status === 'licensed' && this.lastDrift ? { ...status, drift: this.lastDrift } : status);
  }

  /** Gives this computer's seat back (uninstall, moving to another computer). Not a reset: the budget is untouched. */
  async deactivate(): Promise<LicenseStatus> {
    const state = this.store.read();
    if (!state?.activationId || !state.credentials) {
      throw new LeaseholdError('NOT_ACTIVATED', state?.airGapped
        ? 'This computer was activated from a response file: release its license in the client portal.'
        : 'This computer is not activated, so there is nothing to give back.');
    }
    try {
      await this.api().deactivate(state.activationId, state.credentials);
    } catch (error) {
      // Already released or forgotten by the server: the seat is free either way.
      if (!(error instanceof LeaseholdError) || (error.code !== 'NOT_FOUND' && error.code !== 'INVALID_STATE')) throw error;
    }
    this.forgetActivation(state);
    state.deactivatedAt = this.now(state);
    delete state.credentials;
    this.store.write(state);
    return this.publish(this.verdict(state, null));
  }

  /** After NO_FREE_SEAT: frees the seat another computer holds (one of `holders`), counted against the reset budget. */
  async resetSeat(activationId: string, reason: string): Promise<ResetOutcome> {
    const credentials = this.pendingCredentials ?? this.store.read()?.credentials;
    if (!credentials) throw new LeaseholdError('NOT_ACTIVATED', 'Enter the customer details (activate) before resetting another computer\'s license.');
    const { body } = await this.api().reset(activationId, reason, credentials);
    return { resetId: body.resetId, licenseId: body.licenseId, budget: body.budget };
  }

  // ---- air-gapped ------------------------------------------------------------------------------

  /** The content of an activation request file for a computer that cannot reach the server. */
  async createOfflineRequest(): Promise<string> {
    const state = this.store.read() ?? emptyState(this.options.product, this.clock.now());
    let salt = this.options.fingerprintSalt ?? state.fingerprintSalt;
    if (!salt && this.options.serverUrl) salt = await this.ensureSalt(state, this.api()).catch(() => undefined);
    if (!salt) {
      throw new LeaseholdError('NO_FINGERPRINT_SALT', 'The product\'s fingerprint salt is not known on this computer. Build it into the app (fingerprintSalt) or pass --salt.');
    }
    state.fingerprintSalt = salt;
    const now = this.now(state);
    state.pendingOffline = { nonce: randomBytes(18).toString('base64url'), createdAt: now };
    this.store.write(state);
    const fingerprint = hashComponents(await this.rawComponents(true), salt);
    return offlineRequestFile({ product: this.options.product, ...(this.options.feature ? { feature: this.options.feature } : {}), ...this.machine(fingerprint), nonce: state.pendingOffline.nonce, createdAt: new Date(now).toISOString() });
  }

  /** Imports the signed response file answering this computer's latest request. */
  async importOfflineResponse(content: string): Promise<LicenseStatus> {
    const state = this.store.read();
    const pending = state?.pendingOffline;
    if (!state || !pending) throw new LeaseholdError('OFFLINE_FILE_INVALID', 'No activation request is waiting for an answer on this computer. Write a request file first, then import its response.');
    const file = parseOfflineResponseFile(content);
    const ring = this.keyRing(state);
    if (ring.size === 0) throw new LeaseholdError('NO_TRUSTED_KEYS', 'The license server\'s public keys are not known on this computer. Build them into the app (trustedKeys) or pass --keys.');
    const response = ring.verify<{ nonce?: unknown; lease?: unknown }>(file.response, OFFLINE_RESPONSE_JWT_TYPE);
    if (!response.ok) throw new LeaseholdError('LEASE_UNTRUSTED', 'The response file was not signed by the license server this app trusts. Use the file the client portal gave back.');
    if (response.claims.nonce !== pending.nonce) {
      throw new LeaseholdError('OFFLINE_FILE_INVALID', 'This response file answers another request (an older one, or another computer\'s). Use the response to this computer\'s latest request file.');
    }
    const lease = typeof response.claims.lease === 'string' ? ring.verify(response.claims.lease, LEASE_JWT_TYPE) : null;
    const claims = lease?.ok ? asLeaseClaims(lease.claims) : null;
    if (!claims || claims.prod !== this.options.product) throw new LeaseholdError('OFFLINE_FILE_INVALID', `This response file is not a license for ${this.options.product}.`);
    const fingerprint = hashComponents(await this.rawComponents(true), state.fingerprintSalt ?? '');
    if (!matchFingerprint(claims.fp, fingerprint, claims.tol).same) {
      throw new LeaseholdError('OFFLINE_FILE_INVALID', 'This response file was made for another computer. Write the request on the computer that will run the app.');
    }
    this.forgetActivation(state);
    Object.assign(state, { lease: response.claims.lease as string, activationId: claims.sub, airGapped: true });
    delete state.pendingOffline;
    delete state.deactivatedAt;
    this.store.write(state);
    return this.publish(this.verdict(state, fingerprint));
  }

  // ---- running ---------------------------------------------------------------------------------

  /**
   * What the app calls at start: the offline check, then at once a check-in if one is due or the
   * components drifted (a floating seat is taken again), then check-ins on the lease's schedule.
   */
  async start(): Promise<LicenseStatus> {
    this.running = true;
    let status = await this.status();
    const state = this.store.read();
    try {
      if (state?.credentials && status.status === 'must_activate' && status.reason === 'released_on_exit') {
        const outcome = await this.activate(state.credentials);
        status = outcome.activated ? outcome.status : { status: 'refused', usable: false, code: outcome.code, detail: outcome.detail };
      } else if (state?.credentials && START_CONTACT.has(status.status)) {
        status = await this.checkIn();
      }
    } catch (error) {
      this.emitError(error);
    }
    this.schedule(status);
    return status;
  }

  /** Stops the schedule. A floating seat is given back (pass `release` to decide otherwise). */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const state = this.store.read();
    if (!state?.lease || !state.activationId || !state.credentials) return;
    if (!(options.release ?? this.leaseClaims(state)?.mode === 'floating')) return;
    // Unreachable is fine: an unheard floating seat lapses on its own after the heartbeat window.
    await this.api().deactivate(state.activationId, state.credentials).catch(() => undefined);
    delete state.lease;
    state.releasedOnExit = true;
    this.store.write(state);
  }

  onStatus(listener: (status: LicenseStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Errors of background check-ins (the schedule keeps going). */
  onError(listener: (error: unknown) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  // ---- internals -------------------------------------------------------------------------------

  private now(state: StoredState | null): number {
    return this.clock.now() + (state?.skewMs ?? 0);
  }

  private verdict(state: StoredState | null, fingerprint: Fingerprint | null): LicenseStatus {
    return evaluateStatus({
      state, fingerprint, keys: this.keyRing(state), product: this.options.product, now: this.now(state), clockToleranceMs: this.options.clockToleranceMs ?? 5 * 60_000,
    });
  }

  private keyRing(state: StoredState | null): KeyRing {
    const keys = [...this.trusted, ...(state?.keys ?? [])];
    const signature = keys.map((k) => `${k.kid}:${k.x}`).join(',');
    if (this.ring?.signature !== signature) this.ring = { signature, ring: new KeyRing(keys) };
    return this.ring.ring;
  }

  private leaseClaims(state: StoredState | null): LeaseClaims | null {
    if (!state?.lease) return null;
    const verified = this.keyRing(state).verify(state.lease, LEASE_JWT_TYPE);
    return verified.ok ? asLeaseClaims(verified.claims) : null;
  }

  private rawComponents(refresh = false): Promise<RawComponents> {
    if (!this.components || refresh) this.components = (this.options.collectComponents ?? collectComponents)().catch(() => ({}));
    return this.components;
  }

  private async currentFingerprint(state: StoredState | null): Promise<Fingerprint | null> {
    const salt = this.options.fingerprintSalt ?? state?.fingerprintSalt;
    return salt ? hashComponents(await this.rawComponents(), salt) : null;
  }

  private machine(fingerprint: Fingerprint): MachineDetails {
    return {
      fingerprint,
      hostName: (this.options.hostName ?? os.hostname()).slice(0, 255) || 'unknown',
      platform: (this.options.platform ?? `${process.platform} ${os.release()}`).slice(0, 64),
      appVersion: this.options.appVersion.slice(0, 64),
    };
  }

  private api(): ServerApi {
    if (!this.options.serverUrl) throw new LeaseholdError('NO_SERVER', 'No license server is configured (serverUrl).');
    return new ServerApi(this.options.serverUrl, this.options.fetch ?? fetch, this.options.requestTimeoutMs ?? 15_000);
  }

  private async ensureSalt(state: StoredState, api: ServerApi): Promise<string> {
    const salt = this.options.fingerprintSalt ?? state.fingerprintSalt ?? (await api.clientConfig(this.options.product)).body.fingerprintSalt;
    state.fingerprintSalt = salt;
    return salt;
  }

  /** Pins the server's keys (first activation) or adds the ones a rotation introduced; a pinned key is never dropped. */
  private async refreshKeys(state: StoredState, api: ServerApi): Promise<void> {
    const { body } = await api.jwks();
    const known = new Set(state.keys.map((k) => k.kid));
    for (const key of new KeyRing(body.keys ?? []).toJwks()) if (!known.has(key.kid)) state.keys.push(key);
  }

  private async acceptLease(state: StoredState, lease: string, api: ServerApi): Promise<void> {
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
  private anchor(state: StoredState, serverTime: number | null): void {
    if (serverTime === null) return;
    const local = this.clock.now();
    state.skewMs = Math.abs(serverTime - local) < 5_000 ? 0 : serverTime - local;
    state.lastSeenAt = local + state.skewMs;
  }

  private clearTrouble(state: StoredState): void {
    state.failures = 0;
    for (const key of ['refusal', 'releasedOnExit', 'lastFailureAt', 'lastError', 'nextAttemptAt'] as const) delete state[key];
  }

  private forgetActivation(state: StoredState): void {
    for (const key of ['lease', 'activationId', 'refusal', 'airGapped', 'releasedOnExit'] as const) delete state[key];
  }

  private publish(status: LicenseStatus): LicenseStatus {
    const key = `${status.status}:${'lease' in status ? status.lease.expiresAt : ''}`;
    if (key !== this.published) {
      this.published = key;
      for (const listener of this.statusListeners) listener(status);
    }
    return status;
  }

  private emitError(error: unknown): void {
    for (const listener of this.errorListeners) listener(error);
  }

  private schedule(status: LicenseStatus): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) return;
    const state = this.store.read();
    const now = this.now(state);
    const at = nextContactAt(status, state, now) ?? now + MAX_SLEEP_MS;
    this.timer = setTimeout(() => void this.tick(), Math.min(MAX_SLEEP_MS, Math.max(1_000, at - now)));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let status: LicenseStatus | null = null;
    try {
      status = await this.status();
      const state = this.store.read();
      const at = nextContactAt(status, state, this.now(state));
      if (at !== null && at <= this.now(state)) status = await this.checkIn();
    } catch (error) {
      this.emitError(error);
    } finally {
      if (status) this.schedule(status);
      else if (this.running) this.timer = setTimeout(() => void this.tick(), MAX_SLEEP_MS).unref();
    }
  }
}
