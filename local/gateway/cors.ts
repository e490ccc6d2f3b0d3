import type { IncomingMessage } from 'node:http';

/** Browser origins allowed to call the local API: any port on localhost (web client dev servers). */
const ALLOWED_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

const ALLOWED_HEADERS = 'authorization, content-type, x-api-key, idempotency-key';
const EXPOSED_HEADERS =
  'ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after, location, content-disposition, x-amzn-requestid';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** CORS headers for the request's origin, or none when the origin is not allowed. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !ALLOWED_ORIGIN.test(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

/** A CORS preflight (OPTIONS with Access-Control-Request-Method), answered by the gateway itself. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && typeof req.headers['access-control-request-method'] === 'string';
}

export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const base = corsHeaders(req);
  if (!base['access-control-allow-origin']) return { vary: 'Origin' };
  return {
    ...base,
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
  };
}
