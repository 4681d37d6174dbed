import { ERROR_CODES, type ErrorCode } from '@leasehold/core';

/** Failures the SDK finds itself; the server's own failures keep the server's ERROR_CODES. */
export const CLIENT_ERROR_CODES = [
  /** The server could not be reached: no network, DNS, refused, timed out. */
  'NETWORK_UNAVAILABLE',
  /** The server answered 5xx: try again later. */
  'SERVER_UNAVAILABLE',
  /** The answer was not what the SDK expects (a proxy page, an older server). */
  'INVALID_RESPONSE',
  /** This computer has no activation to act on. */
  'NOT_ACTIVATED',
  /** A lease or response file that no trusted key signed. */
  'LEASE_UNTRUSTED',
  /** An offline request or response file that is malformed, for another product, another computer or another request. */
  'OFFLINE_FILE_INVALID',
  /** Importing a response file needs the server's public keys: baked into the app, or pinned by an earlier online activation. */
  'NO_TRUSTED_KEYS',
  /** Hashing components needs the product's salt: baked into the app, or read from the server once. */
  'NO_FINGERPRINT_SALT',
  /** serverUrl is not configured. */
  'NO_SERVER',
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Every code a LeaseholdError can carry: the server's ERROR_CODES and the SDK's own. */
export type LeaseholdErrorCode = ErrorCode | ClientErrorCode;
export const LEASEHOLD_ERROR_CODES: readonly LeaseholdErrorCode[] = [...ERROR_CODES, ...CLIENT_ERROR_CODES];

const TRANSIENT = new Set<LeaseholdErrorCode>(['NETWORK_UNAVAILABLE', 'SERVER_UNAVAILABLE', 'RATE_LIMITED', 'NOT_READY', 'BUSY']);

/**
 * A request that failed. Switch on `code`, never on the message, which says what to do next.
 *
 * @example
 * try { await client.activate(number, key); }
 * catch (error) {
 *   if (error instanceof LeaseholdError && error.code === 'INVALID_CREDENTIALS') showWrongDetails();
 * }
 */
export class LeaseholdError extends Error {
  readonly code: LeaseholdErrorCode;
  /** The HTTP status when the server answered. */
  readonly status: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: LeaseholdErrorCode, message: string, options: { status?: number; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LeaseholdError';
    this.code = code;
    this.status = options.status;
    this.details = options.details;
  }

  /** True when trying again later may succeed: the app keeps running on its lease meanwhile. */
  get transient(): boolean {
    return TRANSIENT.has(this.code);
  }
}
