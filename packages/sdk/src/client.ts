import type { AnswerCode, Drift, Fingerprint } from '@leasehold/core';
import { ClientCore } from './client-core.ts';
import type { ActivationOutcome, LeaseholdClientOptions, ResetOutcome } from './client-options.ts';
import { LeaseholdError } from './errors.ts';
import { fingerprintReport, type FingerprintReport } from './fingerprint-report.ts';
import { COMPONENT_NAMES, hashComponents } from './fingerprint/components.ts';
import { importOfflineResponse, writeOfflineRequest } from './offline-activation.ts';
import { MAX_SLEEP_MS, nextContactAt, retryDelayMs } from './schedule.ts';
import type { Answered, ComputerProof, MachineAnswer } from './server-api.ts';
import { emptyState, type Credentials, type StoredState } from './state-store.ts';
import { mustActivate, type LicenseStatus } from './status.ts';

export type { ActivationOutcome, Clock, LeaseholdClientOptions, ResetOutcome } from './client-options.ts';

const START_CONTACT = new Set<LicenseStatus['status']>(['check_in_due', 'offline', 'drifted', 'fingerprint_mismatch', 'lease_expired', 'refused']);
const HIGH_WATER_STEP_MS = 60_000;
let warnedDevelopmentOnly = false;

/** Once per process: an app without built-in keys trusts whichever server it reaches first. */
function warnDevelopmentOnly(): void {
  if (warnedDevelopmentOnly) return;
  warnedDevelopmentOnly = true;
  process.emitWarning(
    'Leasehold: this app was built without trustedKeys, so it trusts the keys of whichever server it first reaches and anyone who can edit its state file can license it. Build in what `leasehold keys trusted` prints before shipping.',
    { code: 'LEASEHOLD_NO_TRUSTED_KEYS' },
  );
}

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
  private readonly core: ClientCore;
  private readonly statusListeners = new Set<(status: LicenseStatus) => void>();
  private readonly errorListeners = new Set<(error: unknown) => void>();
  private pendingCredentials: Credentials | null = null;
  private lastDrift: Drift | null = null;
  private published = '';
  private running = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LeaseholdClientOptions) {
    this.core = new ClientCore(options);
    if (this.core.trust.developmentOnly) warnDevelopmentOnly();
  }

  /** Where the lease is kept. */
  get stateFile(): string {
    return this.core.store.file;
  }

  // ---- offline ---------------------------------------------------------------------------------

  /**
   * The offline verdict for these component hashes: reads the stored lease, verifies its signature,
   * checks the clock, expiry and components. Synchronous and network-free (the start-up check).
   */
  evaluate(fingerprint: Fingerprint | null): LicenseStatus {
    return this.core.verdict(this.core.store.read(), fingerprint);
  }

  /** The offline verdict for this computer now; collects its components once per client. */
  async status(): Promise<LicenseStatus> {
    const state = this.core.store.read();
    const fingerprint = await this.core.currentFingerprint(state);
    // A lease is always kept with the salt its components were hashed with: without it (a state file
    // copied to another computer and edited) the components could not be compared, so it counts for nothing.
    const status = state?.lease && !fingerprint ? mustActivate('lease_invalid') : this.core.verdict(state, fingerprint);
    const now = this.core.now(state);
    if (state && status.status !== 'clock_rollback' && now > state.lastSeenAt + HIGH_WATER_STEP_MS) {
      state.lastSeenAt = now;
      try {
        this.core.store.write(state);
      } catch {
        // A read-only data folder must not stop the app from starting; the mark is written next time.
      }
    }
    return this.publish(status);
  }

  /** How the contact with the server has gone: for a "last checked in" line, or to tell offline from refused. */
  connection(): { lastCheckInAt: number | null; failures: number; lastError: string | null; nextAttemptAt: number | null } {
    const state = this.core.store.read();
    return { lastCheckInAt: state?.lastCheckInAt ?? null, failures: state?.failures ?? 0, lastError: state?.lastError ?? null, nextAttemptAt: state?.nextAttemptAt ?? null };
  }

  /** This computer's components, and which changed since the lease. */
  async fingerprint(options: { includeValues?: boolean } = {}): Promise<FingerprintReport> {
    const state = this.core.store.read();
    const raw = await this.core.rawComponents(true);
    const salt = this.options.fingerprintSalt ?? state?.fingerprintSalt;
    const report = fingerprintReport(raw, salt ? hashComponents(raw, salt) : null, this.core.leaseClaims(state));
    return options.includeValues ? { ...report, values: raw } : report;
  }

  // ---- online ----------------------------------------------------------------------------------

  /** ACTIVATE ONLINE with the customer's registration details (or `{ licenseKey }`). */
  async activate(customerNumber: string, registrationKey: string): Promise<ActivationOutcome>;
  async activate(credentials: Credentials): Promise<ActivationOutcome>;
  async activate(first: string | Credentials, registrationKey?: string): Promise<ActivationOutcome> {
    const credentials: Credentials = typeof first === 'string' ? { customerNumber: first, registrationKey: registrationKey ?? '' } : first;
    const api = this.core.api();
    let state = this.core.store.read();
    if (!state || state.product !== this.options.product) state = emptyState(this.options.product, this.core.clock.now());
    state.serverUrl = this.options.serverUrl;
    const salt = await this.core.ensureSalt(state, api);
    await this.core.refreshKeys(state, api);
    const raw = await this.core.rawComponents(true);
    const fingerprint = hashComponents(raw, salt);
    const { body, serverTime } = await api.activate({ product: this.options.product, feature: this.options.feature, ...this.core.machine(fingerprint) }, credentials);
    if (!body.valid || !body.lease) {
      this.core.store.write(state);
      this.pendingCredentials = credentials;
      if (body.code === 'NO_FREE_SEAT') return { activated: false, code: 'NO_FREE_SEAT', detail: body.detail, holders: body.holders ?? [], resetBudgets: body.resetBudgets ?? [] };
      if (body.code === 'TOO_FEW_COMPONENTS') {
        const missing = COMPONENT_NAMES.filter((n) => !raw[n]);
        return { activated: false, code: 'TOO_FEW_COMPONENTS', detail: body.detail, presented: body.presented ?? Object.keys(raw).length, required: body.required ?? 0, missing };
      }
      return { activated: false, code: body.code as Exclude<AnswerCode, 'VALID' | 'NO_FREE_SEAT' | 'TOO_FEW_COMPONENTS'>, detail: body.detail };
    }
    this.core.anchor(state, serverTime);
    await this.core.acceptLease(state, body.lease, api);
    this.core.clearTrouble(state);
    Object.assign(state, { credentials, airGapped: false, lastCheckInAt: this.core.now(state) });
    if (body.activationSecret) state.activationSecret = body.activationSecret;
    else delete state.activationSecret;
    delete state.deactivatedAt;
    this.core.store.write(state);
    this.pendingCredentials = null;
    return { activated: true, reactivated: body.reactivated === true, status: this.publish(this.core.verdict(state, fingerprint)) };
  }

  /**
   * Checks in now (a heartbeat for floating seats): renews the lease and re-baselines drifted
   * components. Unreachable is not an error: the answer is the offline status and a retry is scheduled.
   */
  async checkIn(): Promise<LicenseStatus> {
    const state = this.core.store.read();
    if (!state?.activationId || !state.credentials || state.airGapped) return this.status();
    const fingerprint = hashComponents(await this.core.rawComponents(), state.fingerprintSalt ?? this.options.fingerprintSalt ?? '');
    const action = this.core.leaseClaims(state)?.mode === 'floating' ? 'heartbeat' : 'check-in';
    const api = this.core.api();
    let answered: Answered<MachineAnswer | { valid: false; code: 'NOT_FOUND'; detail: string }>;
    try {
      // Every contact learns the keys the vendor retired, so a lease one of them signed stops counting here.
      await this.core.refreshKeys(state, api);
      answered = await api.checkIn(state.activationId, this.core.machine(fingerprint), state.credentials, action);
    } catch (error) {
      if (error instanceof LeaseholdError && error.transient) {
        state.failures += 1;
        const now = this.core.now(state);
        Object.assign(state, { lastFailureAt: now, lastError: error.message, nextAttemptAt: now + retryDelayMs(state.failures, this.options.random) });
        this.core.store.write(state);
        return this.publish(this.core.verdict(state, fingerprint));
      }
      if (!(error instanceof LeaseholdError) || error.code !== 'NOT_FOUND') throw error;
      answered = { body: { valid: false, code: 'NOT_FOUND', detail: error.message }, serverTime: null };
    }
    const { body, serverTime } = answered;
    this.core.anchor(state, serverTime);
    this.core.clearTrouble(state);
    if (body.valid && 'lease' in body && body.lease) {
      await this.core.acceptLease(state, body.lease, api);
      state.lastCheckInAt = this.core.now(state);
      this.lastDrift = body.drift ?? null;
    } else {
      const extra = 'mismatched' in body ? { mismatched: body.mismatched, tolerance: body.tolerance } : {};
      state.refusal = { code: body.code, detail: body.detail, at: this.core.now(state), ...extra };
      delete state.lease;
    }
    this.core.store.write(state);
    const status = this.core.verdict(state, fingerprint);
    return this.publish(status.status === 'licensed' && this.lastDrift ? { ...status, drift: this.lastDrift } : status);
  }

  /**
   * Gives this computer's seat back (uninstall, moving to another computer). Not a reset: the budget
   * is untouched. The server asks for proof that this is the seat's computer (the activation secret,
   * or failing that its components within tolerance): when neither holds, e.g. its hardware changed
   * beyond the tolerance, this throws RESET_REQUIRED and the seat is freed by a reset instead.
   */
  async deactivate(): Promise<LicenseStatus> {
    const state = this.core.store.read();
    if (!state?.activationId || !state.credentials) {
      throw new LeaseholdError('NOT_ACTIVATED', state?.airGapped
        ? 'This computer was activated from a response file: release its license in the client portal.'
        : 'This computer is not activated, so there is nothing to give back.');
    }
    try {
      await this.core.api().deactivate(state.activationId, await this.proof(state), state.credentials);
    } catch (error) {
      // Already released or forgotten by the server: the seat is free either way.
      if (!(error instanceof LeaseholdError) || (error.code !== 'NOT_FOUND' && error.code !== 'INVALID_STATE')) throw error;
    }
    this.core.forgetActivation(state);
    state.deactivatedAt = this.core.now(state);
    delete state.credentials;
    this.core.store.write(state);
    return this.publish(this.core.verdict(state, null));
  }

  /** After NO_FREE_SEAT: frees the seat another computer holds (one of `holders`), counted against the reset budget. */
  async resetSeat(activationId: string, reason: string): Promise<ResetOutcome> {
    const credentials = this.pendingCredentials ?? this.core.store.read()?.credentials;
    if (!credentials) throw new LeaseholdError('NOT_ACTIVATED', 'Enter the customer details (activate) before resetting another computer\'s license.');
    const { body } = await this.core.api().reset(activationId, reason, credentials);
    return { resetId: body.resetId, licenseId: body.licenseId, budget: body.budget };
  }

  // ---- air-gapped ------------------------------------------------------------------------------

  /** The content of an activation request file for a computer that cannot reach the server. */
  createOfflineRequest(): Promise<string> {
    return writeOfflineRequest(this.core);
  }

  /** Imports the signed response file answering this computer's latest request. */
  async importOfflineResponse(content: string): Promise<LicenseStatus> {
    const { state, fingerprint } = await importOfflineResponse(this.core, content);
    return this.publish(this.core.verdict(state, fingerprint));
  }

  // ---- running ---------------------------------------------------------------------------------

  /**
   * What the app calls at start: the offline check, then at once a check-in if one is due or the
   * components drifted (a floating seat is taken again), then check-ins on the lease's schedule.
   */
  async start(): Promise<LicenseStatus> {
    this.running = true;
    let status = await this.status();
    const state = this.core.store.read();
    try {
      if (state?.credentials && status.status === 'must_activate' && (status.reason === 'released_on_exit' || status.reason === 'seat_lapsed')) {
        const outcome = await this.activate(state.credentials);
        status = outcome.activated ? outcome.status : { status: 'refused', usable: false, code: outcome.code, detail: outcome.detail };
      } else if (state?.credentials && (START_CONTACT.has(status.status) || (status.status === 'must_activate' && status.reason === 'key_retired'))) {
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
    const state = this.core.store.read();
    if (!state?.lease || !state.activationId || !state.credentials) return;
    if (!(options.release ?? this.core.leaseClaims(state)?.mode === 'floating')) return;
    // Unreachable is fine: an unheard floating seat lapses on its own after the heartbeat window.
    await this.core.api().deactivate(state.activationId, await this.proof(state), state.credentials).catch(() => undefined);
    delete state.lease;
    state.releasedOnExit = true;
    this.core.store.write(state);
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

  /** That this is the activation's computer: its secret, and its components for an activation made before secrets or a secret replaced since. */
  private async proof(state: StoredState): Promise<ComputerProof> {
    const fingerprint = await this.core.currentFingerprint(state);
    return { ...(state.activationSecret ? { activationSecret: state.activationSecret } : {}), ...(fingerprint ? { fingerprint } : {}) };
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
    const state = this.core.store.read();
    const now = this.core.now(state);
    const at = nextContactAt(status, state, now) ?? now + MAX_SLEEP_MS;
    this.timer = setTimeout(() => void this.tick(), Math.min(MAX_SLEEP_MS, Math.max(1_000, at - now)));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let status: LicenseStatus | null = null;
    try {
      status = await this.status();
      const state = this.core.store.read();
      const at = nextContactAt(status, state, this.core.now(state));
      if (at !== null && at <= this.core.now(state)) status = await this.checkIn();
    } catch (error) {
      this.emitError(error);
    } finally {
      if (status) this.schedule(status);
      else if (this.running) this.timer = setTimeout(() => void this.tick(), MAX_SLEEP_MS).unref();
    }
  }
}
