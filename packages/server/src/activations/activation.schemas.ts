import { z } from 'zod';
import { AnswerCodeSchema, FingerprintSchema, isPlainFingerprint, isPlainObjectOf, isPlainText, withFastPath } from '../http/schemas.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const ActivateBody = z.object({
  product: text(64).describe('Product code, e.g. "clinicoffice".'),
  feature: text(64).optional().describe('Feature code; may be left out when the product has one feature for computers.'),
  fingerprint: FingerprintSchema,
  hostName: text(255),
  platform: text(64).describe('e.g. "win32 10.0.22631", "darwin 24.1", "linux 6.8".'),
  appVersion: text(64),
});

const CHECK_IN_FIELDS = {
  fingerprint: isPlainFingerprint,
  hostName: (v: unknown) => isPlainText(v, 255),
  platform: (v: unknown) => isPlainText(v, 64),
  appVersion: (v: unknown) => isPlainText(v, 64),
};
const VALIDATE_FIELDS = { fingerprint: isPlainFingerprint };

export const CheckInBody = withFastPath(z.object({
  fingerprint: FingerprintSchema,
  hostName: text(255).optional(),
  platform: text(64).optional(),
  appVersion: text(64).optional(),
}), (value) => isPlainObjectOf(value, CHECK_IN_FIELDS, ['fingerprint']));

export const ValidateBody = withFastPath(
  z.object({ fingerprint: FingerprintSchema.optional() }).default({}),
  (value) => isPlainObjectOf(value, VALIDATE_FIELDS),
);

/**
 * How the computer giving its seat back proves it is the one that holds it: the activation secret
 * it was given, or its components now (matched within the policy's tolerance). Either is enough.
 */
export const DeactivateBody = z.object({
  activationSecret: z.string().min(1).max(256).optional().describe('The activationSecret the activation answer gave this computer.'),
  fingerprint: FingerprintSchema.optional(),
}).nullish();

export const ResetBody = z.object({
  reason: z.string().trim().min(3, 'say briefly why (at least 3 characters)').max(500),
});

export const ResetBudgetSchema = z.object({
  limit: z.number(),
  used: z.number(),
  remaining: z.number(),
  windowDays: z.number(),
  nextRefillAt: z.string().nullable(),
});

export const ActivationViewSchema = z.object({
  id: z.string(),
  licenseId: z.string(),
  product: z.string(),
  feature: z.string(),
  hostName: z.string(),
  platform: z.string(),
  appVersion: z.string(),
  activatedAt: z.string(),
  lastCheckInAt: z.string(),
  leaseExpiresAt: z.string(),
});

const DriftSchema = z.object({ changed: z.array(z.string()), added: z.array(z.string()) });

/** `valid: false` is an answer, not an error; `code` says which and the other fields say what to do. */
export const MachineAnswerSchema = z.object({
  valid: z.boolean(),
  code: AnswerCodeSchema,
  detail: z.string(),
  lease: z.string().optional().describe('Signed lease (JWS compact, EdDSA); verify with /.well-known/jwks.json.'),
  activation: ActivationViewSchema.optional(),
  reactivated: z.boolean().optional(),
  activationSecret: z.string().optional().describe('Activation only: keep it with the lease and send it to give this computer\'s seat back (DELETE /v1/activations/:id). Shown once; the server keeps only its hash.'),
  drift: DriftSchema.nullable().optional(),
  mismatched: z.array(z.string()).optional(),
  tolerance: z.number().optional(),
  presented: z.number().optional(),
  required: z.number().optional(),
  holders: z.array(z.object({ activationId: z.string(), licenseId: z.string(), hostName: z.string(), platform: z.string(), lastCheckInAt: z.string() })).optional().describe('The most recently seen computers holding a seat, at most 50.'),
  holdersTotal: z.number().optional().describe('How many computers hold a seat, including those not listed in holders.'),
  resetBudgets: z.array(z.object({ licenseId: z.string(), budget: ResetBudgetSchema })).optional(),
  expiredAt: z.number().optional(),
  startsAt: z.number().optional(),
  releasedAt: z.number().optional(),
  lapsedAt: z.number().optional(),
});

export const ResetOutcomeSchema = z.object({
  resetId: z.string(),
  assignmentId: z.string(),
  licenseId: z.string(),
  budget: ResetBudgetSchema,
});
