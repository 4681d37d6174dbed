import { DomainError, matchFingerprint, type ComputerProof, type Fingerprint } from '@leasehold/core';
import { generateToken, hashSecret, secretMatches } from '../shared/secrets.ts';

/** What the server kept of the activation to check a proof against. */
export interface ProofBasis {
  /** SHA-256 of the activation secret; null for activations made before secrets were given. */
  secretHash: string | null;
  fingerprint: Fingerprint;
  tolerance: number;
}

/** A new activation secret, shown once to the computer, and the hash the server keeps. */
export function newActivationSecret(): { secret: string; hash: string } {
  const secret = generateToken('lh_act');
  return { secret, hash: hashSecret(secret) };
}

/**
 * How the caller proved it is the activation's computer, or null when it did not: the secret its
 * activation answered with, or components that match the stored ones within the policy's
 * tolerance, as a check-in would accept them, with at least one of them unchanged (a stored
 * fingerprint no larger than the tolerance would otherwise match anything).
 */
export function provenBy(basis: ProofBasis, proof: ComputerProof): 'secret' | 'fingerprint' | null {
  if (proof.activationSecret && basis.secretHash && secretMatches(proof.activationSecret, basis.secretHash)) return 'secret';
  if (proof.fingerprint) {
    const match = matchFingerprint(basis.fingerprint, proof.fingerprint, basis.tolerance);
    if (match.same && match.changed.length < Object.keys(basis.fingerprint).length) return 'fingerprint';
  }
  return null;
}

/** The refusal of a release the caller did not prove: what it asks for is a reset. */
export function resetRequired(activationId: string): DomainError {
  return new DomainError(
    'RESET_REQUIRED',
    'Only the computer that holds this license can give it back, with the activation secret it received or its own hardware components. '
      + 'To free another computer\'s license, reset it (POST /v1/activations/:id/reset from the app, or RESET LICENSE in the client portal): a reset counts against the license\'s reset budget.',
    { activationId },
  );
}
