/**
 * Errors a client can cause, in the terms of the domain: a kind (the class), a stable `code`
 * (binding, ../shared/API.md) and a title, never an HTTP status. The HTTP layer maps each kind to
 * its status in one table (./http/errors.ts). Anything that is not a DomainError is a bug and
 * becomes a generic 500 without internals. Contexts name their own errors in their errors.ts.
 */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface DomainErrorOptions {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** Extra members of the problem body (RFC 9457 extension members). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** When trying again makes sense (Retry-After). */
  readonly retryAfterSeconds?: number;
}

export abstract class DomainError extends Error {
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[] | undefined;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: string,
    readonly title: string,
    options: DomainErrorOptions = {},
  ) {
    super(options.detail ?? title);
    this.name = new.target.name;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The request is malformed or breaks an input rule. */
export class InvalidInput extends DomainError {}

export class ValidationFailed extends InvalidInput {
  constructor(errors: readonly FieldError[], detail = 'The request is not valid.') {
    super('validation_failed', 'Validation failed', { detail, errors });
  }
}

/** No (valid) credentials. */
export class Unauthenticated extends DomainError {}

export class InsufficientFunds extends DomainError {
  constructor(
    detail = 'The balance does not cover this charge. Top up and retry.',
    options: DomainErrorOptions = {},
  ) {
    super('insufficient_funds', 'Insufficient funds', { ...options, detail });
  }
}

/** Known caller, not allowed (scope, ownership, policy). */
export class Forbidden extends DomainError {}

export class LimitReached extends Forbidden {
  constructor(detail?: string, options: Omit<DomainErrorOptions, 'detail'> = {}) {
    super('limit_reached', 'Plan limit reached', { ...options, ...(detail ? { detail } : {}) });
  }
}

/** Absent, or another user's (which is never told apart). */
export class NotFound extends DomainError {
  constructor(detail?: string, options: Omit<DomainErrorOptions, 'detail'> = {}) {
    super('not_found', 'Not found', { ...options, ...(detail ? { detail } : {}) });
  }
}

export class MethodNotAllowed extends DomainError {
  constructor(
    detail: string,
    readonly allow: readonly string[],
  ) {
    super('method_not_allowed', 'Method not allowed', { detail });
  }
}

/** The request contradicts the current state (a race lost, a taken name, a second attempt). */
export class Conflict extends DomainError {}

export class InvalidState extends Conflict {
  constructor(detail?: string) {
    super('invalid_state', 'Invalid state', detail ? { detail } : {});
  }
}

export class TooLarge extends DomainError {}

export class UnsupportedMedia extends DomainError {}

/** Well-formed, but cannot be processed as sent (e.g. an idempotency key reused with another body). */
export class Unprocessable extends DomainError {}

export class RateLimited extends DomainError {}

/** Temporarily unable (contention, empty pool, starting up): retry later. */
export class Unavailable extends DomainError {}

/** The function behind the gateway failed (502) or did not answer in time (504). */
export class UpstreamFailed extends DomainError {}
export class UpstreamTimeout extends DomainError {}
