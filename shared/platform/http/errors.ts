import {
  type DomainError,
  Forbidden,
  InsufficientFunds,
  InvalidInput,
  MethodNotAllowed,
  NotFound,
  Conflict,
  RateLimited,
  TooLarge,
  Unauthenticated,
  Unavailable,
  Unprocessable,
  UnsupportedMedia,
  UpstreamFailed,
  UpstreamTimeout,
} from '../errors';

/**
 * The one mapping from a domain error's kind to its HTTP status (first match wins, so a subclass
 * with a status of its own goes before its parent). Domain code never names a status.
 */
const STATUS_BY_KIND: ReadonlyArray<readonly [abstract new (...args: never[]) => DomainError, number]> = [
  [InvalidInput, 400],
  [Unauthenticated, 401],
  [InsufficientFunds, 402],
  [Forbidden, 403],
  [NotFound, 404],
  [MethodNotAllowed, 405],
  [Conflict, 409],
  [TooLarge, 413],
  [UnsupportedMedia, 415],
  [Unprocessable, 422],
  [RateLimited, 429],
  [UpstreamFailed, 502],
  [Unavailable, 503],
  [UpstreamTimeout, 504],
];

export function statusOf(error: DomainError): number {
  for (const [kind, status] of STATUS_BY_KIND) if (error instanceof kind) return status;
  return 500;
}

/** Response headers a problem carries (Retry-After, Allow). */
export function problemHeaders(error: DomainError): Record<string, string> {
  return {
    ...(error.retryAfterSeconds !== undefined ? { 'retry-after': String(error.retryAfterSeconds) } : {}),
    ...(error instanceof MethodNotAllowed ? { allow: error.allow.join(', ') } : {}),
  };
}

/** RFC 9457 body of a domain error. */
export function problemBody(error: DomainError, instance?: string): Record<string, unknown> {
  return {
    ...statusProblemBody(statusOf(error), error.code, error.title, error.detail),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(instance ? { instance } : {}),
    ...error.extensions,
  };
}

/** RFC 9457 body of a refusal known only by its status (e.g. a WebSocket `$connect` that answered 4xx). */
export function statusProblemBody(status: number, code: string, title: string, detail?: string) {
  return {
    type: `https://smsproj.dev/problems/${code.replaceAll('_', '-')}`,
    title,
    status,
    detail: detail ?? title,
    code,
  };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const internalErrorBody = (): Record<string, unknown> => ({
  type: 'https://smsproj.dev/problems/internal-error',
  title: 'Internal error',
  status: 500,
  detail: 'Something went wrong on our side. Please retry later.',
  code: 'internal_error',
});
