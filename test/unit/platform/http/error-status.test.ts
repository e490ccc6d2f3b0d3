import { NumberLimitReached, NumberUnavailable, PurchaseBusy } from '../../../../shared/numbers/errors';
import {
  Conflict,
  Forbidden,
  InsufficientFunds,
  InvalidInput,
  InvalidState,
  LimitReached,
  MethodNotAllowed,
  NotFound,
  RateLimited,
  TooLarge,
  Unauthenticated,
  Unavailable,
  Unprocessable,
  UnsupportedMedia,
  UpstreamFailed,
  UpstreamTimeout,
  ValidationFailed,
} from '../../../../shared/platform/errors';
import { problemBody, problemHeaders, statusOf } from '../../../../shared/platform/http/errors';

describe('domain errors in HTTP terms (the one mapping)', () => {
  it.each([
    [new ValidationFailed([{ path: 'body.x', message: 'bad' }]), 400],
    [new InvalidInput('invalid_cursor', 'Invalid cursor'), 400],
    [new Unauthenticated('unauthorized', 'Unauthorized'), 401],
    [new InsufficientFunds(), 402],
    [new Forbidden('insufficient_scope', 'Insufficient scope'), 403],
    [new LimitReached('At most 20.'), 403],
    [new NumberLimitReached(3), 403],
    [new NotFound(), 404],
    [new MethodNotAllowed('No.', ['GET']), 405],
    [new Conflict('email_taken', 'Email taken'), 409],
    [new InvalidState(), 409],
    [new NumberUnavailable(), 409],
    [new TooLarge('file_too_large', 'File too large'), 413],
    [new UnsupportedMedia('unsupported_type', 'Unsupported'), 415],
    [new Unprocessable('idempotency_key_reused', 'Reused'), 422],
    [new RateLimited('rate_limited', 'Slow down', { retryAfterSeconds: 3 }), 429],
    [new UpstreamFailed('bad_gateway', 'Bad gateway'), 502],
    [new PurchaseBusy(), 503],
    [new Unavailable('no_numbers_available', 'Empty pool'), 503],
    [new UpstreamTimeout('gateway_timeout', 'Timeout'), 504],
  ])('%o is %d', (error, status) => {
    expect(statusOf(error)).toBe(status);
    expect(problemBody(error)).toMatchObject({ status, code: error.code, title: error.title });
  });

  it('carries Retry-After and Allow as headers, and extensions in the body', () => {
    expect(problemHeaders(new PurchaseBusy())).toEqual({ 'retry-after': '1' });
    expect(problemHeaders(new MethodNotAllowed('No.', ['GET', 'POST']))).toEqual({ allow: 'GET, POST' });
    expect(problemBody(new NumberLimitReached(3))).toMatchObject({
      code: 'limit_reached',
      limit: 3,
      metric: 'numbers',
    });
  });
});
