import type { AnswerCode, ComputerProof, Fingerprint } from '@leasehold/core';

export type { ComputerProof } from '@leasehold/core';
import { LeaseholdError, LEASEHOLD_ERROR_CODES, type LeaseholdErrorCode } from './errors.ts';
import type { Jwks } from './lease-verifier.ts';
import type { Credentials } from './state-store.ts';

export interface SeatHolder {
  activationId: string;
  licenseId: string;
  hostName: string;
  platform: string;
  lastCheckInAt: string;
}

export interface ResetBudget {
  limit: number;
  used: number;
  remaining: number;
  windowDays: number;
  nextRefillAt: string | null;
}

/** The machine API's answer: `valid: false` is an answer, not an error. */
export interface MachineAnswer {
  valid: boolean;
  code: AnswerCode;
  detail: string;
  lease?: string;
  activation?: { id: string; licenseId: string; hostName: string; leaseExpiresAt: string };
  reactivated?: boolean;
  /** Activation only: kept in the state file, sent to give the seat back. */
  activationSecret?: string;
  drift?: { changed: string[]; added: string[] } | null;
  mismatched?: string[];
  tolerance?: number;
  presented?: number;
  required?: number;
  holders?: SeatHolder[];
  resetBudgets?: { licenseId: string; budget: ResetBudget }[];
}

export interface MachineDetails {
  fingerprint: Fingerprint;
  hostName: string;
  platform: string;
  appVersion: string;
}

export interface Answered<T> {
  body: T;
  /** The server's clock from the Date header, when it sent one. */
  serverTime: number | null;
}

export function authorization(credentials: Credentials): string {
  if ('licenseKey' in credentials) return `License ${credentials.licenseKey}`;
  return `Basic ${Buffer.from(`${credentials.customerNumber.trim()}:${credentials.registrationKey.trim()}`).toString('base64')}`;
}

const knownCode = (code: unknown): code is LeaseholdErrorCode => typeof code === 'string' && (LEASEHOLD_ERROR_CODES as readonly string[]).includes(code);

/** The machine API over fetch: problem+json becomes a LeaseholdError with the server's code. */
export class ServerApi {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  async request<T>(method: string, path: string, options: { body?: unknown; credentials?: Credentials } = {}): Promise<Answered<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.credentials) headers.authorization = authorization(options.credentials);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new LeaseholdError('NETWORK_UNAVAILABLE', `The license server at ${this.baseUrl} could not be reached. Check the internet connection; the app keeps working on its lease meanwhile.`, { cause: error });
    }
    const text = await response.text().catch(() => '');
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    const date = response.headers.get('date');
    const serverTime = date ? Date.parse(date) : NaN;
    if (response.ok && body !== null) return { body: body as T, serverTime: Number.isNaN(serverTime) ? null : serverTime };
    if (response.status >= 500 || response.status === 429) {
      throw new LeaseholdError(knownCode(body?.code) && body.code !== 'INTERNAL' ? body.code : 'SERVER_UNAVAILABLE', `The license server answered ${response.status}; the app will try again later.`, { status: response.status });
    }
    if (knownCode(body?.code)) {
      throw new LeaseholdError(body.code, String(body.detail ?? body.title ?? 'The license server refused the request.'), { status: response.status, details: body });
    }
    throw new LeaseholdError('INVALID_RESPONSE', `The license server's answer (HTTP ${response.status}) was not understood. Check the server address ${this.baseUrl}.`, { status: response.status });
  }

  clientConfig(product: string) {
    return this.request<{ product: string; fingerprintSalt: string; jwksUrl: string }>('GET', `/v1/products/${encodeURIComponent(product)}/client-config`);
  }

  jwks() {
    return this.request<Jwks>('GET', '/.well-known/jwks.json');
  }

  activate(body: MachineDetails & { product: string; feature?: string }, credentials: Credentials) {
    return this.request<MachineAnswer>('POST', '/v1/activations', { body, credentials });
  }

  checkIn(activationId: string, body: MachineDetails, credentials: Credentials, action: 'check-in' | 'heartbeat') {
    return this.request<MachineAnswer>('POST', `/v1/activations/${encodeURIComponent(activationId)}/${action}`, { body, credentials });
  }

  /** Gives the seat back, proving this is its computer (the server refuses anything else with RESET_REQUIRED). */
  deactivate(activationId: string, proof: ComputerProof, credentials: Credentials) {
    return this.request<{ released: true }>('DELETE', `/v1/activations/${encodeURIComponent(activationId)}`, { body: proof, credentials });
  }

  reset(activationId: string, reason: string, credentials: Credentials) {
    return this.request<{ resetId: string; assignmentId: string; licenseId: string; budget: ResetBudget }>(
      'POST', `/v1/activations/${encodeURIComponent(activationId)}/reset`, { body: { reason }, credentials },
    );
  }
}
