import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { config } from '../config';
import { logger } from '../observability/logger';
import { authContextFrom, enforceRouteAuth } from './auth-context';
import { internalErrorBody, PROBLEM_CONTENT_TYPE, problemBody, problemHeaders, statusOf } from './errors';
import { DomainError, TooLarge, UnsupportedMedia } from '../errors';
import { parseJsonSafely } from './json';
import type { AuthContext, RouteDef } from './route';
import type {
  HandlerInput,
  HttpContext,
  HttpInternal,
  HttpMiddleware,
  HttpRequest,
  HttpResult,
  RouteFunction,
} from './types';
import { parseWith } from './validate';

export type { HandlerInput, HttpResult } from './types';

/** Bodies larger than this are refused before parsing (API Gateway itself allows 10 MB). */
export const MAX_BODY_BYTES = 256 * 1024;

export const ok = (body: unknown, headers?: Record<string, string>): HttpResult => ({
  status: 200,
  body,
  headers,
});
export const created = (body: unknown, headers?: Record<string, string>): HttpResult => ({
  status: 201,
  body,
  headers,
});
export const accepted = (body?: unknown): HttpResult => ({ status: 202, body });
export const noContent = (): HttpResult => ({ status: 204 });

type Req = HttpRequest;
type Mw = HttpMiddleware;

/** Turns an HttpResult into the API Gateway proxy result. */
export function toProxyResult(result: HttpResult): APIGatewayProxyResult {
  const headers: Record<string, string> = { ...result.headers };
  let body = '';
  if (result.body !== undefined) {
    if (result.raw && typeof result.body === 'string') body = result.body;
    else {
      body = JSON.stringify(result.body);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
  }
  return { statusCode: result.status, headers, body };
}

export function problemResult(error: unknown, path?: string): APIGatewayProxyResult {
  if (error instanceof DomainError) {
    return {
      statusCode: statusOf(error),
      headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...problemHeaders(error) },
      body: JSON.stringify(problemBody(error, path)),
    };
  }
  logger.error('Unhandled error', error as Error);
  return {
    statusCode: 500,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(internalErrorBody()),
  };
}

/** Headers a browser on the web client's origin may read from our responses. */
const EXPOSED_HEADERS =
  'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, Idempotent-Replayed, Content-Disposition';

/**
 * CORS for the deployed web client (PUBLIC_BASE_URL, a CloudFront origin other than the API's):
 * API Gateway answers the preflight; the actual responses need the allow-origin header too.
 */
const cors = (): Mw => ({
  after: (request: Req) => addCors(request),
  onError: (request: Req) => addCors(request),
});

function addCors(request: Req): void {
  const origin = request.event.headers?.origin;
  if (!origin || !request.response) return;
  let allowed: string;
  try {
    allowed = new URL(config('web').PUBLIC_BASE_URL).origin;
  } catch {
    return;
  }
  if (origin !== allowed) return;
  request.response.headers = {
    ...request.response.headers,
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

/** Last line of defence: every thrown error becomes problem+json; unknown errors a bare 500. */
const problemErrors = (): Mw => ({
  onError: (request: Req) => {
    request.response = problemResult(request.error, request.event.path);
  },
});

/** Decodes and parses the JSON body; refuses oversized and non-JSON bodies with a 4xx. */
const jsonBody = (route: RouteDef): Mw => ({
  before: (request: Req) => {
    const { event } = request;
    const raw = event.body ?? '';
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
      throw new TooLarge('payload_too_large', 'Payload too large', {
        detail: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
      });
    }
    if (!route.body) {
      request.internal.rawBody = text;
      return;
    }
    const contentType = event.headers?.['content-type'] ?? '';
    if (text.length > 0 && contentType && !/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
      throw new UnsupportedMedia('unsupported_media_type', 'Unsupported media type', {
        detail: 'Send JSON with content-type: application/json.',
      });
    }
    request.internal.rawBody = text;
    request.internal.parsedBody = text.length === 0 ? undefined : parseJsonSafely(text);
  },
});

/** Validates params, query and body against the route's zod schemas and establishes the caller. */
const validateAndAuthorize = (route: RouteDef): Mw => ({
  before: (request: Req) => {
    const { event } = request;
    const auth = authContextFrom(event);
    enforceRouteAuth(route, auth);
    const input: HandlerInput<RouteDef> = {
      params: parseWith(route.params, event.pathParameters ?? {}, 'path'),
      query: parseWith(route.query, event.queryStringParameters ?? {}, 'query'),
      body: route.body ? parseWith(route.body, request.internal.parsedBody, 'body') : undefined,
      auth: auth as AuthContext,
      headers: event.headers ?? {},
      requestId: event.requestContext?.requestId ?? 'local',
      sourceIp: event.requestContext?.identity?.sourceIp ?? 'unknown',
    };
    request.context.input = input;
    if (auth) logger.appendKeys({ userId: auth.userId, ...(auth.keyId ? { keyId: auth.keyId } : {}) });
    logger.appendKeys({ route: route.id });
  },
});

/**
 * The HTTP handler factory: every REST route's Lambda is `httpHandler(route, fn)`, or
 * `idempotentHandler(route, fn)` (./idempotency.ts) for a route marked `idempotent` — this one
 * refuses such a route, so that the Idempotency-Key cannot be silently ignored, and it never
 * loads the idempotency middleware or the database itself.
 */
export function httpHandler<R extends RouteDef>(route: R, fn: RouteFunction<R>) {
  if (route.idempotent) {
    throw new Error(
      `Route ${route.id} is idempotent: build its handler with idempotentHandler (shared/platform/http/idempotency.ts).`,
    );
  }
  return routeChain(route, fn);
}

/**
 * The chain every REST route runs (middy runs `before` top-down, `after`/`onError` bottom-up):
 * CORS → Powertools logger → problem+json errors → header normalizer → JSON body → zod + auth →
 * `inner` (the idempotency middleware, for idempotent routes) → fn. A response an inner
 * middleware left in `context.replay` is returned instead of calling fn.
 */
export function routeChain<R extends RouteDef>(route: R, fn: RouteFunction<R>, inner: readonly Mw[] = []) {
  const chain = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, HttpContext, HttpInternal>()
    .use(cors())
    // The logger sits above the problem mapper: middy runs onError bottom-up, so the mapper logs
    // an unhandled error while the route and caller keys are still set, then the logger resets them.
    .use(injectLambdaContext(logger, { clearState: true, resetKeys: true }) as Mw)
    .use(problemErrors())
    .use(httpHeaderNormalizer() as Mw)
    .use(jsonBody(route))
    .use(validateAndAuthorize(route));
  for (const middleware of inner) chain.use(middleware);
  return chain.handler(async (_event, context) => {
    if (context.replay) return context.replay;
    if (!context.input) throw new Error('handler input missing');
    return toProxyResult(await fn(context.input as HandlerInput<R>));
  });
}
