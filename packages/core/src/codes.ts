/**
 * Answer codes of validation, check-in and activation. "Not valid" is an answer, not an error:
 * these come back with HTTP 200 as `{ valid, code, detail }`, and the SDK switches on them.
 */
export const ANSWER_CODES = [
  'VALID',
  'CUSTOMER_SUSPENDED',
  'LICENSE_SUSPENDED',
  'LICENSE_CANCELLED',
  'LICENSE_EXPIRED',
  'LICENSE_NOT_STARTED',
  'ACTIVATION_RELEASED',
  'SEAT_LAPSED',
  'FINGERPRINT_MISMATCH',
  'TOO_FEW_COMPONENTS',
  'NO_FREE_SEAT',
  'FEATURE_NOT_LICENSED',
] as const;
export type AnswerCode = (typeof ANSWER_CODES)[number];

/**
 * Error codes of requests that fail, sent as `application/problem+json` with `code`.
 * Each maps to one HTTP status; clients switch on the code, never on the text.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  TOKEN_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  /** The app's credentials (registration details, a license key) sent where a person's portal session is needed. */
  PORTAL_SESSION_REQUIRED: 401,
  FORBIDDEN: 403,
  CUSTOMER_SUSPENDED: 403,
  CSRF_TOKEN_INVALID: 403,
  /** Giving a seat back without proving to be its computer: freeing another computer's seat is a reset. */
  RESET_REQUIRED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  RESET_BUDGET_EXHAUSTED: 409,
  RESETS_DISABLED: 409,
  NO_FREE_SEAT: 409,
  SEAT_KIND_MISMATCH: 409,
  ALREADY_ASSIGNED: 409,
  UPGRADE_NOT_ALLOWED: 409,
  REMOVAL_NEEDS_CHOICE: 409,
  INVALID_REMOVAL_CHOICE: 409,
  SLOTS_IN_USE: 409,
  INVALID_STATE: 409,
  COMPUTER_OF_ANOTHER_CUSTOMER: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  LOGON_LOCKED: 429,
  INTERNAL: 500,
  NOT_READY: 503,
  /** Too much password work queued (a log-on or sign-up flood): try again after Retry-After seconds. */
  BUSY: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** A failure the caller can act on. `code` is stable; `message` says what to do next. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
