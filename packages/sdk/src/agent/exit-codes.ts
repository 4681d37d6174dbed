import { LeaseholdError } from '../errors.ts';
import type { LicenseStatus } from '../status.ts';

/** The agent's exit codes; scripts switch on them (README, `leasehold-agent --help`). */
export const EXIT = {
  /** Done; the app may run (licensed, check-in due, offline within its grace, drift within tolerance). */
  OK: 0,
  /** An unexpected failure. */
  ERROR: 1,
  /** Unknown command, bad flag, missing setting. */
  USAGE: 2,
  /** The app may not run: not activated, lease expired, refused, reset elsewhere, another computer. */
  NOT_LICENSED: 3,
  /** Activation found no free seat (the holders and the reset budget are printed). */
  NO_FREE_SEAT: 4,
  /** The license server could not be reached, or answered 5xx. */
  UNREACHABLE: 5,
  /** The server refused the customer number and registration key, or the license key. */
  CREDENTIALS: 6,
  /** The computer's clock was set back. */
  CLOCK: 7,
  /** An offline request or response file is invalid, untrusted, or for another request or computer. */
  BAD_FILE: 8,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeOfStatus(status: LicenseStatus): ExitCode {
  if (status.usable) return EXIT.OK;
  return status.status === 'clock_rollback' ? EXIT.CLOCK : EXIT.NOT_LICENSED;
}

export function exitCodeOfError(error: unknown): ExitCode {
  if (!(error instanceof LeaseholdError)) return EXIT.ERROR;
  if (error.transient) return EXIT.UNREACHABLE;
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
    case 'UNAUTHENTICATED':
      return EXIT.CREDENTIALS;
    case 'OFFLINE_FILE_INVALID':
    case 'LEASE_UNTRUSTED':
    case 'NO_TRUSTED_KEYS':
      return EXIT.BAD_FILE;
    case 'NOT_ACTIVATED':
    case 'RESET_REQUIRED':
      return EXIT.NOT_LICENSED;
    case 'NO_SERVER':
    case 'NO_FINGERPRINT_SALT':
    case 'VALIDATION_FAILED':
      return EXIT.USAGE;
    default:
      return EXIT.ERROR;
  }
}
