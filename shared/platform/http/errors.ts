/**
 * Application errors. Every error a client can cause is an AppError with a stable `code`
 * (see ../shared/API.md); the handler factory turns it into an RFC 9457 problem+json body.
 * Anything that is not an AppError becomes a generic 500 with no internals.
 */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface AppErrorOptions {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** Extra members merged into the problem body (RFC 9457 extension members). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

export class AppError extends Error {
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[] | undefined;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    options: AppErrorOptions = {},
  ) {
    super(options.detail ?? title);
    this.name = 'AppError';
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

const make =
  (status: number, code: string, title: string) =>
  (detail?: string, options: Omit<AppErrorOptions, 'detail'> = {}): AppError =>
    new AppError(status, code, title, { ...options, detail });

export const validationFailed = (errors: readonly FieldError[], detail = 'The request is not valid.') =>
  new AppError(400, 'validation_failed', 'Validation failed', { detail, errors });
export const badRequest = make(400, 'bad_request', 'Bad request');
export const invalidJson = make(400, 'invalid_json', 'Malformed JSON');
export const idempotencyInProgress = make(409, 'idempotency_in_progress', 'Request in progress');
export const invalidCode = make(400, 'invalid_code', 'Invalid or expired code');
export const unauthorized = make(401, 'unauthorized', 'Unauthorized');
export const invalidCredentials = make(401, 'invalid_credentials', 'Invalid credentials');
export const paymentRequired = make(402, 'insufficient_funds', 'Insufficient funds');
export const forbidden = make(403, 'forbidden', 'Forbidden');
export const insufficientScope = make(403, 'insufficient_scope', 'Insufficient scope');
export const emailNotVerified = make(403, 'email_not_verified', 'Email not verified');
export const wrongCurrentPassword = make(403, 'invalid_credentials', 'Invalid credentials');
export const limitReached = make(403, 'limit_reached', 'Plan limit reached');
export const numberNotOwned = make(403, 'number_not_owned', 'Number not owned');
export const notEligible = make(403, 'not_eligible', 'Not eligible');
export const notFound = make(404, 'not_found', 'Not found');
export const methodNotAllowed = make(405, 'method_not_allowed', 'Method not allowed');
export const conflict = (code: string, title: string, detail?: string) =>
  new AppError(409, code, title, { detail });
export const invalidState = make(409, 'invalid_state', 'Invalid state');
export const payloadTooLarge = make(413, 'payload_too_large', 'Payload too large');
export const fileTooLarge = make(413, 'file_too_large', 'File too large');
export const unsupportedMediaType = make(415, 'unsupported_media_type', 'Unsupported media type');
export const unsupportedType = make(415, 'unsupported_type', 'Unsupported file type');
export const idempotencyKeyReused = make(422, 'idempotency_key_reused', 'Idempotency key reused');

/** RFC 9457 body for an AppError. */
export function problemBody(error: AppError, instance?: string): Record<string, unknown> {
  return {
    type: `https://smsproj.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    detail: error.detail ?? error.title,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
    ...(instance ? { instance } : {}),
    ...error.extensions,
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
