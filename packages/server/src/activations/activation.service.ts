import {
  DomainError,
  checkComponentCount,
  driftDetail,
  heldUntilAfterCheckIn,
  isSeatHeld,
  iso,
  leaseClaims,
  matchFingerprint,
  pickLicenseByHeldCount,
  slotsOf,
  validateActivation,
  validateLicense,
  type Activation,
  type Assignment,
  type Feature,
  type Fingerprint,
  type LeaseClaims,
  type Policy,
  type Product,
  type ComputerProof,
} from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import {
  countHeldSeatsByLicense,
  insertActivation,
  insertAssignment,
  listMachineActivations,
  releaseAssignment,
  setAssignmentHeldUntil,
  updateActivation,
} from '../assignments/assignment.repository.ts';
import { findFeature, findProduct, getFeatureById, getPolicy, loadPlans } from '../catalog/catalog.repository.ts';
import { getCustomer, lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent } from '../events/event.repository.ts';
import { requireActiveCustomer, type CustomerPrincipal } from '../http/auth.ts';
import { listCustomerLicenses, type LicenseRecord } from '../licenses/license.repository.ts';
import { ReadCache } from '../shared/read-cache.ts';
import { resetSeat } from '../resets/reset.service.ts';
import { insertResource } from '../resources/resource.repository.ts';
import { sentAgainUnchanged } from '../shared/sent-again.ts';
import { listMachineActivationsSharing, replaceActivationComponents } from './activation-component.repository.ts';
import { findActivationSecretHash, findMachineContext, writeCheckIn } from './activation.repository.ts';
import { newActivationSecret, provenBy, resetRequired } from './computer-proof.ts';
import { noFreeSeat } from './no-free-seat.ts';
import { activationView, ownedBy, type ActivationContext } from './activation-context.ts';
import type { ActivationView, Granted, MachineAnswer, MachineDetails, Refused, ValidationAnswer } from './activation.types.ts';

export type { ActivationView, Granted, MachineAnswer, MachineDetails, Refused, SeatHolder, ValidationAnswer } from './activation.types.ts';

/**
 * A granted answer whose lease is being signed. Signing is the largest cost of a check-in and
 * needs nothing the transaction holds, so it starts on libuv's thread pool as soon as the claims
 * are known and goes on while the transaction commits (the WAL's fsync holds the event loop, not
 * the pool); the answer waits for both (see `seal`), so no lease goes out before its write is
 * durable, and a transaction that rolls back only wastes its signature.
 */
type Unsealed = Omit<Granted, 'lease'> & { lease: Promise<string> };

/** Activation, check-in, validation, deactivation and reset for the app: the machine API's rules. */
export class ActivationService {
  /** Validation and check-in read the same activation again and again; unchanged data costs no query. */
  private readonly contexts: ReadCache<ActivationContext>;
  /** The VALID answer without drift of a context (never changed in place, see ReadCache): all a repeated validation says. */
  private readonly validAnswers = new WeakMap<ActivationContext, { valid: true; code: 'VALID'; detail: string; drift: null; activation: ActivationView }>();

  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'signer' | 'config'>) {
    this.contexts = new ReadCache(deps.database);
  }

  private get database() {
    return this.deps.database;
  }

  /**
   * ACTIVATE ONLINE: binds a free seat of the feature to this computer. A computer that already
   * holds a seat (its components match within tolerance) gets that seat back, never a second one.
   * The answer carries a new activation secret, which the computer sends to give its seat back;
   * `issueSecret: false` (a request file answered for an air-gapped computer, which never gives its
   * seat back online) leaves it out and keeps the one the activation had.
   */
  async activate(principal: CustomerPrincipal, input: { product: string; feature?: string } & MachineDetails, options: { issueSecret?: boolean } = {}): Promise<MachineAnswer> {
    const now = this.deps.clock.now();
    const secret = options.issueSecret === false ? null : newActivationSecret();
    return this.seal(await this.database.transaction(async (trx): Promise<Refused | Unsealed> => {
      await lockCustomer(trx, this.database.dialect, principal.customerId);
      const product = await findProduct(trx, input.product);
      if (!product) throw new DomainError('NOT_FOUND', `No product "${input.product}". Check the product code the app is built with.`);
      const feature = await this.machineFeature(trx, product, input.feature);
      const customer = await getCustomer(trx, principal.customerId);
      if (customer!.status === 'suspended') return validateLicense(customer!, { status: 'active', startsAt: 0, expiresAt: null } as never, now)!;

      const licenses = (await listCustomerLicenses(trx, principal.customerId)).filter(
        (l) => principal.kind !== 'license' || l.id === principal.licenseId,
      );
      const plans = await loadPlans(trx, { ids: [...new Set(licenses.map((l) => l.planId))] });
      const withFeature = licenses.filter((l) => slotsOf(plans.get(l.planId)!, feature.id) > 0);
      if (withFeature.length === 0) {
        return { valid: false, code: 'FEATURE_NOT_LICENSED', detail: `No license of this customer includes ${feature.name.en}. Buy or add a license that includes it.` };
      }
      const policies = await this.policiesOf(trx, withFeature.map((l) => plans.get(l.planId)!.policyId));
      const strictest = Math.max(...[...policies.values()].map((p) => p.minComponents));
      const tooFew = checkComponentCount(input.fingerprint, { minComponents: strictest });
      if (tooFew) return tooFew;

      const existing = await this.findSameMachine(trx, principal, feature.id, input.fingerprint, licenses, plans, policies, now);
      if (existing) {
        const context = existing.context(product, feature, customer!.status);
        // The computer proved itself by its components; a new secret replaces one it may have lost.
        if (secret) await updateActivation(trx, context.assignment.id, { secret_hash: secret.hash });
        return withSecret((await this.grant(trx, context, input, now, { reactivated: true })).answer, secret);
      }

      const held = await countHeldSeatsByLicense(trx, principal.customerId, feature.id, now);
      const license = pickLicenseByHeldCount(withFeature, plans, held, feature.id, now);
      if (!license) return noFreeSeat(trx, principal.customerId, feature, withFeature, plans, policies, now);
      const policy = policies.get(plans.get(license.planId)!.policyId)!;

      const assignment: Assignment = {
        id: newId(now),
        customerId: principal.customerId,
        licenseId: license.id,
        featureId: feature.id,
        resourceId: newId(now),
        createdAt: now,
        releasedAt: null,
        heldUntil: heldUntilAfterCheckIn(policy, now),
      };
      await insertResource(trx, {
        id: assignment.resourceId, customer_id: principal.customerId, kind: 'machine', external_id: assignment.id, name: input.hostName,
        reachable: 1, synchronised: 1, missing: 0, last_reported_at: now, created_at: now, updated_at: now,
      });
      await insertAssignment(trx, {
        id: assignment.id, customer_id: assignment.customerId, license_id: license.id, feature_id: feature.id, resource_id: assignment.resourceId,
        created_at: now, released_at: null, release_reason: null, held_until: assignment.heldUntil,
      });
      const activation: Activation = {
        assignmentId: assignment.id, fingerprint: input.fingerprint, hostName: input.hostName, platform: input.platform, appVersion: input.appVersion,
        activatedAt: now, lastCheckInAt: now, leaseExpiresAt: now,
      };
      await insertActivation(trx, {
        assignment_id: assignment.id, fingerprint: JSON.stringify(input.fingerprint), host_name: input.hostName, platform: input.platform,
        app_version: input.appVersion, activated_at: now, last_check_in_at: now, lease_expires_at: now, secret_hash: secret?.hash ?? null,
      });
      await replaceActivationComponents(trx, { assignmentId: assignment.id, customerId: principal.customerId, featureId: feature.id }, input.fingerprint, true);
      await insertEvent(trx, {
        customerId: principal.customerId, type: 'activation.created', actor: principal.actor, subjectType: 'assignment', subjectId: assignment.id,
        data: { licenseId: license.id, feature: feature.code, hostName: input.hostName, platform: input.platform, appVersion: input.appVersion, components: Object.keys(input.fingerprint).sort() },
      }, now);
      const context = { assignment, activation, license, policy, product, feature, customerStatus: customer!.status };
      return withSecret((await this.grant(trx, context, input, now, { reactivated: false, fresh: true })).answer, secret);
    }));
  }

  /** Renews the lease; re-baselines a fingerprint that drifted within tolerance and records which components changed. */
  async checkIn(principal: CustomerPrincipal, activationId: string, presented: MachineDetails | { fingerprint: Fingerprint }): Promise<MachineAnswer> {
    const now = this.deps.clock.now();
    let written = null as { context: ActivationContext; marker: string | null; token: number } | null;
    const answer = await this.database.transaction(async (trx): Promise<Refused | Unsealed> => {
      await lockCustomer(trx, this.database.dialect, principal.customerId);
      const context = await this.load(trx, principal, activationId);
      let answer = validateActivation(context.license, context.policy, context.assignment, { customer: { status: context.customerStatus }, stored: context.activation.fingerprint, presented: presented.fingerprint }, now);
      if (!answer.valid && answer.code === 'SEAT_LAPSED' && (await this.canRetake(trx, context, now))) {
        answer = validateActivation(context.license, context.policy, { ...context.assignment, heldUntil: null }, { customer: { status: context.customerStatus }, stored: context.activation.fingerprint, presented: presented.fingerprint }, now);
      }
      if (!answer.valid) {
        await insertEvent(trx, {
          customerId: principal.customerId, type: 'activation.check_in_refused', actor: principal.actor, subjectType: 'assignment', subjectId: activationId,
          data: { code: answer.code, ...(answer.code === 'FINGERPRINT_MISMATCH' ? { mismatched: answer.mismatched } : {}) },
        }, now);
        return answer;
      }
      const granted = await this.grant(trx, context, presented, now, { drift: answer.drift });
      written = { context: granted.context, marker: this.contexts.marker(), token: granted.token };
      return granted.answer;
    });
    // Committed: the next check-in or validation of this computer reads what was written, not the database.
    if (written) this.contexts.put(activationId, written.context, written.marker, written.token);
    return this.seal(answer);
  }

  /** Answers whether the activation grants use now, changing nothing. */
  async validate(principal: CustomerPrincipal, activationId: string, fingerprint?: Fingerprint): Promise<ValidationAnswer> {
    return this.validation(await this.load(this.database.db, principal, activationId), fingerprint);
  }

  /**
   * `validate`'s answer when the activation's context is in memory and current and belongs to the
   * caller; undefined when it must be read (then `validate` answers, or says NOT_FOUND).
   */
  validateIfCached(principal: CustomerPrincipal, activationId: string, fingerprint?: Fingerprint): ValidationAnswer | undefined {
    const context = this.contexts.peek(activationId);
    return context && ownedBy(context, principal) ? this.validation(context, fingerprint) : undefined;
  }

  private validation(context: ActivationContext, fingerprint: Fingerprint | undefined): ValidationAnswer {
    const answer = validateActivation(context.license, context.policy, context.assignment, { customer: { status: context.customerStatus }, stored: context.activation.fingerprint, presented: fingerprint }, this.deps.clock.now());
    if (!answer.valid) return answer;
    if (answer.drift) return { ...answer, activation: activationView(context) };
    // Valid and unchanged: the same answer as last time, for as long as the context stays cached.
    let valid = this.validAnswers.get(context);
    if (!valid) {
      valid = sentAgainUnchanged({ ...answer, drift: null, activation: activationView(context) });
      this.validAnswers.set(context, valid);
    }
    return valid;
  }

  /**
   * The app gives its seat back (uninstall, move): not a reset, so the budget is untouched. Only the
   * computer itself may (its activation secret, or its components within tolerance): freeing another
   * computer's seat is a reset, counted against the budget, so anything else is RESET_REQUIRED.
   */
  async deactivate(principal: CustomerPrincipal, activationId: string, proof: ComputerProof): Promise<{ released: true; activationId: string }> {
    const now = this.deps.clock.now();
    return this.database.transaction(async (trx) => {
      await lockCustomer(trx, this.database.dialect, principal.customerId);
      requireActiveCustomer(principal);
      const context = await this.load(trx, principal, activationId);
      if (context.assignment.releasedAt !== null) {
        throw new DomainError('INVALID_STATE', `This activation was already released on ${iso(context.assignment.releasedAt)}.`);
      }
      const secretHash = await findActivationSecretHash(trx, activationId);
      const provenWith = provenBy({ secretHash, fingerprint: context.activation.fingerprint, tolerance: context.policy.fingerprintTolerance }, proof);
      if (!provenWith) throw resetRequired(activationId);
      await releaseAssignment(trx, activationId, now, 'deactivated');
      await insertEvent(trx, {
        customerId: principal.customerId, type: 'activation.deactivated', actor: principal.actor, subjectType: 'assignment', subjectId: activationId,
        data: { licenseId: context.license.id, hostName: context.activation.hostName, provenBy: provenWith },
      }, now);
      return { released: true, activationId };
    });
  }

  /** From the app on a new computer: free the seat another computer holds, within the reset budget. */
  async resetFromApp(principal: CustomerPrincipal, activationId: string, reason: string) {
    const now = this.deps.clock.now();
    return this.database.transaction(async (trx) => {
      await lockCustomer(trx, this.database.dialect, principal.customerId);
      requireActiveCustomer(principal);
      await this.load(trx, principal, activationId);
      return resetSeat(trx, { customerId: principal.customerId, assignmentId: activationId, reason, actor: principal.actor, counted: true }, now);
    });
  }

  private async machineFeature(db: Db, product: Product, code: string | undefined): Promise<Feature> {
    if (code) {
      const feature = await findFeature(db, product.id, code);
      if (!feature) throw new DomainError('NOT_FOUND', `Product "${product.code}" has no feature "${code}".`);
      if (feature.seatKind !== 'machine') {
        throw new DomainError('SEAT_KIND_MISMATCH', `Feature "${feature.code}" is assigned to ${feature.seatKind} resources, not activated by computers.`);
      }
      return feature;
    }
    const machineFeatures = (await db.selectFrom('features').selectAll().where('product_id', '=', product.id).where('seat_kind', '=', 'machine').execute());
    if (machineFeatures.length !== 1) {
      throw new DomainError('VALIDATION_FAILED', `Product "${product.code}" has ${machineFeatures.length} features for computers; say which one with "feature".`);
    }
    return (await getFeatureById(db, machineFeatures[0].id))!;
  }

  private async policiesOf(db: Db, ids: string[]): Promise<Map<string, Policy>> {
    const map = new Map<string, Policy>();
    for (const id of new Set(ids)) map.set(id, (await getPolicy(db, id))!);
    return map;
  }

  /**
   * The open activation on this feature whose stored components match best within its policy's
   * tolerance (fewest changed; the oldest on a tie). A stored fingerprint of n components that
   * matches with at most `tolerance` changed shares n - tolerance of them with the presented one, so
   * when tolerance < n only activations sharing a component hash (found by index) can match. The
   * catalogue refuses tolerance >= minComponents unless minComponents is 0; under such a policy every
   * open activation is compared, as before. Left out: a stored fingerprint with no more components
   * than the tolerance, possible only if its policy was loosened after it was stored, is no longer
   * matched by a computer that shares none of its components.
   */
  private async findSameMachine(
    db: Db, principal: CustomerPrincipal, featureId: string, presented: Fingerprint,
    licenses: LicenseRecord[], plans: Map<string, import('@leasehold/core').Plan>, policies: Map<string, Policy>, now: number,
  ) {
    const anyMatchesNothingShared = [...policies.values()].some((p) => p.fingerprintTolerance >= p.minComponents);
    const open = anyMatchesNothingShared
      ? await listMachineActivations(db, principal.customerId, featureId)
      : await listMachineActivationsSharing(db, principal.customerId, featureId, presented);
    let best: { changed: number; item: (typeof open)[number]; license: LicenseRecord; policy: Policy } | null = null;
    for (const item of open) {
      const license = licenses.find((l) => l.id === item.assignment.licenseId);
      if (!license) continue;
      const policy = policies.get(plans.get(license.planId)!.policyId)!;
      const match = matchFingerprint(item.activation.fingerprint, presented, policy.fingerprintTolerance);
      if (!match.same) continue;
      const lapsed = !isSeatHeld(item.assignment, now);
      if (lapsed) continue;
      if (!best || match.changed.length < best.changed) best = { changed: match.changed.length, item, license, policy };
    }
    if (!best) return null;
    const { item, license, policy } = best;
    return {
      context: (product: Product, feature: Feature, customerStatus: 'active' | 'suspended'): ActivationContext => ({
        assignment: item.assignment, activation: item.activation, license, policy, product, feature, customerStatus,
      }),
    };
  }

  private async canRetake(db: Db, context: ActivationContext, now: number): Promise<boolean> {
    const plans = await loadPlans(db, { ids: [context.license.planId] });
    const others = await countHeldSeatsByLicense(db, context.assignment.customerId, context.feature.id, now, context.assignment.id);
    return pickLicenseByHeldCount([context.license], plans, others, context.feature.id, now) !== null;
  }

  private async load(db: Db, principal: CustomerPrincipal, activationId: string): Promise<ActivationContext> {
    const context = await this.contexts.get(activationId, () => findMachineContext(db, this.database.dialect, activationId));
    if (!context || !ownedBy(context, principal)) {
      throw new DomainError('NOT_FOUND', 'No such activation for these credentials. Activate this computer first.');
    }
    return context;
  }

  /** Writes the check-in (fingerprint baseline, times, floating hold) and signs the lease. */
  private async grant(
    trx: Db, context: ActivationContext, presented: Partial<MachineDetails> & { fingerprint: Fingerprint }, now: number,
    options: { reactivated?: boolean; fresh?: boolean; drift?: { changed: string[]; added: string[] } | null },
  ): Promise<{ answer: Unsealed; context: ActivationContext; token: number }> {
    const { policy, license, assignment } = context;
    const match = matchFingerprint(context.activation.fingerprint, presented.fingerprint, policy.fingerprintTolerance);
    const drift = options.drift !== undefined ? options.drift : match.changed.length || match.added.length ? { changed: match.changed, added: match.added } : null;
    const claims = leaseClaims(
      { issuer: this.deps.config.publicUrl, activationId: assignment.id, license, productCode: context.product.code, featureCode: context.feature.code, policy, fingerprint: presented.fingerprint },
      now,
    );
    const leaseExpiresAt = claims.exp * 1000;
    const activation: Activation = {
      ...context.activation,
      fingerprint: presented.fingerprint,
      hostName: presented.hostName ?? context.activation.hostName,
      platform: presented.platform ?? context.activation.platform,
      appVersion: presented.appVersion ?? context.activation.appVersion,
      lastCheckInAt: now,
      leaseExpiresAt,
    };
    // The check-in's update leaves the cache marker as it is (see writeCheckIn): forget this
    // activation's cached context until the caller puts the one written here.
    const token = this.contexts.forget(assignment.id);
    await writeCheckIn(trx, this.database, assignment.id, {
      fingerprint: JSON.stringify(activation.fingerprint), host_name: activation.hostName, platform: activation.platform, app_version: activation.appVersion,
      last_check_in_at: now, lease_expires_at: leaseExpiresAt,
    });
    if (match.changed.length || match.added.length) {
      await replaceActivationComponents(trx, { assignmentId: assignment.id, customerId: assignment.customerId, featureId: assignment.featureId }, activation.fingerprint);
    }
    const heldUntil = heldUntilAfterCheckIn(policy, now);
    if (heldUntil !== assignment.heldUntil) await setAssignmentHeldUntil(trx, assignment.id, heldUntil);
    if (!options.fresh) {
      await insertEvent(trx, {
        customerId: assignment.customerId, type: options.reactivated ? 'activation.reactivated' : 'activation.checked_in', actor: { type: 'machine', id: assignment.id },
        subjectType: 'assignment', subjectId: assignment.id, data: { leaseExpiresAt: iso(leaseExpiresAt), appVersion: activation.appVersion },
      }, now);
    }
    if (drift) {
      await insertEvent(trx, {
        customerId: assignment.customerId, type: 'activation.drifted', actor: { type: 'machine', id: assignment.id }, subjectType: 'assignment', subjectId: assignment.id,
        data: { changed: drift.changed, added: drift.added, tolerance: policy.fingerprintTolerance, hostName: activation.hostName },
      }, now);
    }
    const written: ActivationContext = { ...context, assignment: heldUntil === assignment.heldUntil ? assignment : { ...assignment, heldUntil }, activation };
    const answer: Unsealed = {
      valid: true,
      code: 'VALID',
      detail: drift
        ? driftDetail(drift.changed, policy.fingerprintTolerance, true)
        : options.reactivated ? 'This computer already holds a license; it keeps the same one.' : 'The license is valid on this computer.',
      activation: activationView(written),
      lease: this.startSigning(claims),
      drift,
      ...(options.reactivated !== undefined ? { reactivated: options.reactivated } : {}),
    };
    return { answer, context: written, token };
  }

  private startSigning(claims: LeaseClaims): Promise<string> {
    const signature = this.deps.signer.signOffThread(claims, 'leasehold-lease+jwt');
    // Awaited by `seal` once the transaction commits; if it rolls back instead, nobody awaits it.
    signature.catch(() => undefined);
    return signature;
  }

  /** The answer once its transaction has committed, with its lease signed. */
  private async seal(answer: Refused | Unsealed): Promise<MachineAnswer> {
    return answer.valid ? { ...answer, lease: await answer.lease } : answer;
  }

}

/** An activation's granted answer with the secret it gives the computer, shown this once. */
function withSecret(answer: Refused | Unsealed, secret: { secret: string } | null): Refused | Unsealed {
  return secret && answer.valid ? { ...answer, activationSecret: secret.secret } : answer;
}
