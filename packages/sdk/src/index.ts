// @leasehold/sdk: what a vendor's desktop application embeds (Node and Electron).

export { LeaseholdClient } from './client.ts';
export type { ActivationOutcome, Clock, LeaseholdClientOptions, ResetOutcome } from './client-options.ts';
export { evaluateStatus, formatDuration, STATUS_NAMES, type LeaseInfo, type LicenseStatus, type MustActivateReason, type StatusName } from './status.ts';
export { CLIENT_ERROR_CODES, LEASEHOLD_ERROR_CODES, LeaseholdError, type ClientErrorCode, type LeaseholdErrorCode } from './errors.ts';
export { appDataDir, type Credentials } from './state-store.ts';
export { KeyRing, LEASE_JWT_TYPE, OFFLINE_RESPONSE_JWT_TYPE, type Jwks, type PublicJwk } from './lease-verifier.ts';
export type { ResetBudget, SeatHolder } from './server-api.ts';
export type { OfflineRequestFile, OfflineResponseFile } from './offline-files.ts';
export type { ComponentReport, FingerprintReport } from './fingerprint-report.ts';

// Fingerprint sources, for vendors who add their own or inspect a customer's machine.
export { collectComponents, FINGERPRINT_SOURCES } from './fingerprint/collect.ts';
export { COMPONENT_NAMES, hashComponents, type ComponentName, type FingerprintSource, type RawComponents } from './fingerprint/components.ts';
export { nodeProbe, type ProbeCommand, type SystemProbe } from './fingerprint/probe.ts';
export { recordedProbe, recordingProbe } from './fingerprint/recorded-probe.ts';

// The server's own answer and error codes, so the app can switch on them.
export { ANSWER_CODES, ERROR_CODES, type AnswerCode, type ErrorCode } from '@leasehold/core';
