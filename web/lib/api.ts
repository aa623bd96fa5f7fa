/**
 * Client for the Telemed HTTP API.
 *
 * The web app is served behind the gateway on the same origin as the API, so
 * every request uses a relative URL under `/api/v1/...`; no host name is ever
 * configured here. Errors are reported by the services as RFC 9457
 * `application/problem+json` documents and are turned into `ApiError`.
 *
 * This module has no framework imports so it can be used from client
 * components and unit-tested with plain Node.
 */

export const API_PREFIX = '/api/v1';

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';

/** RFC 9457 problem details, plus the extension members the client understands. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  /** Field validation errors: `{ field: message }` or a list of `{ field, message }`. */
  fields?: unknown;
  errors?: unknown;
  'invalid-params'?: unknown;
  invalidParams?: unknown;
  [extension: string]: unknown;
}

/** Validation messages by field name (several messages for one field are joined with "; "). */
export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  /** HTTP status; 0 when the request never got a response (network error, aborted). */
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type?: string;
  readonly instance?: string;
  readonly fields: FieldErrors;
  /** The raw problem document, when the server sent one. */
  readonly problem?: ProblemDetails;

  constructor(init: {
    status: number;
    title: string;
    detail?: string;
    type?: string;
    instance?: string;
    fields?: FieldErrors;
    problem?: ProblemDetails;
    cause?: unknown;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.instance = init.instance;
    this.fields = init.fields ?? {};
    this.problem = init.problem;
  }

  /** Message for one field, if the server reported one. */
  fieldError(field: string): string | undefined {
    return this.fields[field];
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON. */
  body?: unknown;
  /** Access token; sent as `Authorization: Bearer <token>`. */
  token?: string | null;
  query?: Record<string, QueryValue | QueryValue[]>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Custom fetch implementation (tests). Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Builds the relative URL of an API path.
 * `apiUrl('/bookings')`, `apiUrl('bookings')` and `apiUrl('/api/v1/bookings')` all give `/api/v1/bookings`.
 */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
    throw new TypeError(`API paths must be relative to ${API_PREFIX}, got "${path}"`);
  }
  let url = path.startsWith('/') ? path : `/${path}`;
  if (url !== API_PREFIX && !url.startsWith(`${API_PREFIX}/`) && !url.startsWith(`${API_PREFIX}?`)) {
    url = `${API_PREFIX}${url}`;
  }
  if (query) {
    const params = new URLSearchParams();
    for (const [key, raw] of Object.entries(query)) {
      const values = Array.isArray(raw) ? raw : [raw];
      for (const value of values) {
        if (value !== undefined && value !== null) params.append(key, String(value));
      }
    }
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  return url;
}

/** Sends a request and returns the raw `Response`; throws `ApiError` when it is not 2xx. */
export async function apiRequest(path: string, options: RequestOptions = {}): Promise<Response> {
  const { method = 'GET', body, token, query, signal } = options;
  const doFetch = options.fetch ?? globalThis.fetch;

  const headers: Record<string, string> = {
    Accept: `${JSON_TYPE}, ${PROBLEM_TYPE}`,
    ...options.headers,
  };
  if (body !== undefined) headers['Content-Type'] = JSON_TYPE;
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await doFetch(apiUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (cause) {
    const aborted = cause instanceof Error && cause.name === 'AbortError';
    throw new ApiError({
      status: 0,
      title: aborted ? 'Request aborted' : 'Network error',
      detail: cause instanceof Error ? cause.message : undefined,
      cause,
    });
  }

  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Sends a request and returns the parsed JSON body (`undefined` for empty responses). */
export async function apiFetch<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiRequest(path, options);
  return (await readBody(response)) as T;
}

/** Shorthands. */
export const api = {
  get: <T = unknown>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiFetch<T>(path, { ...options, method: 'GET' }),
  post: <T = unknown>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiFetch<T>(path, { ...options, method: 'POST', body }),
  put: <T = unknown>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiFetch<T>(path, { ...options, method: 'PUT', body }),
  patch: <T = unknown>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiFetch<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = unknown>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiFetch<T>(path, { ...options, method: 'DELETE' }),
};

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  return isJsonType(response.headers.get('Content-Type')) ? JSON.parse(text) : text;
}

/** Converts an error `Response` into an `ApiError` (reads the body). */
export async function toApiError(response: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // Body unreadable: fall back to the status line.
  }
  return parseErrorBody(response.status, response.headers.get('Content-Type'), text, response.statusText);
}

/**
 * Builds an `ApiError` from an error response's status, content type and body text.
 * `application/problem+json` bodies are mapped member by member; other JSON bodies
 * (e.g. a default error page) and non-JSON bodies fall back to generic values.
 */
export function parseErrorBody(
  status: number,
  contentType: string | null,
  bodyText: string,
  statusText = '',
): ApiError {
  const fallbackTitle = statusText || defaultTitle(status);
  const mediaType = mediaTypeOf(contentType);

  if (mediaType === PROBLEM_TYPE || mediaType === JSON_TYPE) {
    let parsed: unknown;
    try {
      parsed = bodyText ? JSON.parse(bodyText) : undefined;
    } catch {
      parsed = undefined;
    }
    if (isRecord(parsed)) {
      if (mediaType === PROBLEM_TYPE) {
        const problem = parsed as ProblemDetails;
        return new ApiError({
          status,
          title: nonEmptyString(problem.title) ?? fallbackTitle,
          detail: nonEmptyString(problem.detail),
          type: nonEmptyString(problem.type),
          instance: nonEmptyString(problem.instance),
          fields: parseFieldErrors(problem),
          problem,
        });
      }
      // Plain JSON error body, e.g. {"error": "Bad Request", "message": "..."}.
      return new ApiError({
        status,
        title: nonEmptyString(parsed.title) ?? nonEmptyString(parsed.error) ?? fallbackTitle,
        detail: nonEmptyString(parsed.detail) ?? nonEmptyString(parsed.message),
        fields: parseFieldErrors(parsed),
      });
    }
  }

  return new ApiError({ status, title: fallbackTitle });
}

/**
 * Normalises the usual shapes of field errors into `{ field: message }`:
 * - `fields: { email: "must be valid" }`
 * - `fields` / `errors: [{ field, message }]` (also `defaultMessage`, `reason`)
 * - `invalid-params` / `invalidParams: [{ name, reason }]` (RFC 9457 example)
 */
export function parseFieldErrors(problem: Record<string, unknown>): FieldErrors {
  const result: FieldErrors = {};
  const add = (field: unknown, message: unknown) => {
    const name = nonEmptyString(field);
    const text = nonEmptyString(message);
    if (!name || !text) return;
    result[name] = result[name] ? `${result[name]}; ${text}` : text;
  };

  for (const key of ['fields', 'errors', 'invalid-params', 'invalidParams']) {
    const value = problem[key];
    if (Array.isArray(value)) {
      for (const item of value) {
        if (!isRecord(item)) continue;
        add(
          item.field ?? item.name ?? item.property ?? item.pointer,
          item.message ?? item.reason ?? item.defaultMessage ?? item.detail,
        );
      }
    } else if (isRecord(value)) {
      for (const [field, message] of Object.entries(value)) {
        if (Array.isArray(message)) message.forEach((m) => add(field, m));
        else add(field, message);
      }
    }
  }
  return result;
}

function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function isJsonType(contentType: string | null): boolean {
  const type = mediaTypeOf(contentType);
  return type === JSON_TYPE || type.endsWith('+json');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function defaultTitle(status: number): string {
  return status ? `HTTP ${status}` : 'Network error';
}
