import { checkContract } from './contract';

/**
 * A small HTTP client for the local gateway (SMSPROJ_URL, set by test/setup/env.ts).
 * Never throws on an HTTP status: tests assert on `status`, `headers` and `json`. Every response
 * of an API route is checked against its documented contract (./contract.ts): an undocumented
 * status or a body that does not match the route's schema fails the request, naming the route,
 * the status and the field.
 */
export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON (problem+json included), or undefined for an empty or non-JSON body. */
  readonly json: T;
  readonly text: string;
}

export interface RequestOptions {
  /** Access token, sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Sent as `X-Api-Key`. */
  readonly apiKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as the Idempotency-Key header. */
  readonly idempotencyKey?: string;
}

export function baseUrl(): string {
  const url = process.env.SMSPROJ_URL;
  if (!url) throw new Error("SMSPROJ_URL is not set: is test/setup/env.ts in this project's setupFiles?");
  return url;
}

export async function request<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    headers['content-type'] ??= 'application/json';
  }
  const url = new URL(path, baseUrl());
  const response = await fetch(url, { method, headers, body: payload });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  checkContract({ method, url, status: response.status, headers: response.headers, text, json });
  return { status: response.status, headers: response.headers, json: json as T, text };
}

export const api = {
  get: <T = unknown>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  delete: <T = unknown>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
  post: <T = unknown>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  put: <T = unknown>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body, options),
  patch: <T = unknown>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
};

/** The RFC 9457 body every error has (../shared/API.md). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
  readonly [extension: string]: unknown;
}

/** Asserts a problem+json response with the given status and code; returns its body. */
export function expectProblem(response: ApiResponse, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.json as Problem | undefined)?.code }).toEqual({
    status,
    code,
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return response.json as Problem;
}
