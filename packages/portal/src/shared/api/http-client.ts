/** An application/problem+json answer (RFC 9457) with the server's stable `code`. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string; code?: string }[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get code(): string {
    return this.problem.code;
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface HttpClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string, body?: unknown): Promise<T>;
  /** The session's CSRF token, sent on every change (contract: header x-csrf-token). */
  setCsrfToken(token: string | null): void;
}

export interface HttpClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called on 401 UNAUTHENTICATED from a request made with a session, e.g. to go back to log-on. */
  onUnauthenticated?: () => void;
}

/** fetch with the session cookie, the CSRF header on changes, JSON in and out, and problems as ApiError. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const baseUrl = options.baseUrl ?? '';
  let csrfToken: string | null = null;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(`${baseUrl}${path}`, {
        method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError({ status: 0, code: 'NETWORK', detail: 'The server could not be reached.' });
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const problem = (parsed && typeof parsed === 'object' && 'code' in parsed)
        ? (parsed as Problem)
        : { status: response.status, code: response.status >= 500 ? 'INTERNAL' : 'UNKNOWN', detail: text.slice(0, 200) || response.statusText };
      if (problem.code === 'UNAUTHENTICATED' && csrfToken) options.onUnauthenticated?.();
      throw new ApiError({ ...problem, status: response.status });
    }
    return parsed as T;
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    patch: (path, body) => request('PATCH', path, body ?? {}),
    delete: (path, body) => request('DELETE', path, body),
    setCsrfToken: (token) => {
      csrfToken = token;
    },
  };
}
