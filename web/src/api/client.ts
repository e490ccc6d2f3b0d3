import { appConfig } from './config';
import { getTokens, setTokens } from './tokens';
import type { Page } from './types';

/** An RFC 9457 problem returned by the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: ReadonlyArray<{ readonly path: string; readonly message: string }> = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly query?: Record<string, string | number | boolean | undefined | null>;
  /** Sent as Idempotency-Key (POSTs that create or charge). */
  readonly idempotencyKey?: string;
  /** Send the access token (default) and refresh it once on a 401. */
  readonly auth?: boolean;
  readonly signal?: AbortSignal;
}

let sessionLost: () => void = () => {};

/** What to do when the session cannot be kept alive (the app navigates to /login). */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = new URL(`${appConfig().apiUrl}${path}`, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function toError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (isRecord(parsed)) body = parsed;
  } catch {
    // Not JSON (a proxy error page): fall back to the status text.
  }
  const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const fieldErrors = Array.isArray(body['errors'])
    ? body['errors']
        .filter(isRecord)
        .map((e) => ({ path: str(e['path']) ?? '', message: str(e['message']) ?? '' }))
    : [];
  return new ApiError(
    response.status,
    str(body['code']) ?? `http_${response.status}`,
    str(body['detail']) ?? str(body['title']) ?? (response.statusText || 'Request failed'),
    fieldErrors,
    body,
  );
}

let refreshing: Promise<boolean> | null = null;

/** Exchanges the refresh token for a new access token; concurrent callers share one attempt. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const tokens = getTokens();
    if (!tokens) return false;
    try {
      const response = await fetch(buildUrl('/v1/auth/refresh'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: tokens.refreshToken }),
      });
      if (!response.ok) return false;
      const body: unknown = await response.json();
      if (!isRecord(body) || typeof body['accessToken'] !== 'string') return false;
      const refreshToken =
        typeof body['refreshToken'] === 'string' ? body['refreshToken'] : tokens.refreshToken;
      setTokens({ accessToken: body['accessToken'], refreshToken });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const token = getTokens()?.accessToken;
  if (options.auth !== false && token) headers['authorization'] = `Bearer ${token}`;
  return fetch(buildUrl(path, options.query), {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  });
}

/** Sends a request with the session's credentials; one silent refresh on a 401, then /login. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(path, options);
  if (response.status === 401 && options.auth !== false && getTokens()) {
    if (await refreshSession()) response = await send(path, options);
    if (response.status === 401) {
      setTokens(null);
      sessionLost();
    }
  }
  if (!response.ok) throw await toError(response);
  return response;
}

/** A JSON request; 204 and empty bodies resolve to undefined. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Lists come as `{ items, nextCursor }`; a few public lists are bare arrays. */
export function asPage<T>(value: Page<T> | T[] | undefined): Page<T> {
  if (!value) return { items: [], nextCursor: null };
  if (Array.isArray(value)) return { items: value, nextCursor: null };
  return { items: value.items ?? [], nextCursor: value.nextCursor ?? null };
}

/** A fresh Idempotency-Key for one user intent (a retry of the same click reuses it). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A readable one-line message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
