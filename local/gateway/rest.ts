import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { planOf } from '../../shared/accounts/plans';
import { isIpRateLimited } from '../../shared/auth/ip-limit';
import { authContextToRecord } from '../../shared/platform/http/auth-context';
import {
  type DomainError,
  RateLimited,
  Unauthenticated,
  UpstreamFailed,
  UpstreamTimeout,
} from '../../shared/platform/errors';
import type { AuthContext, RouteDef } from '../../shared/platform/http/route';
import { type LambdaInvoker, LambdaTimeoutError } from '../lambda/invoke';
import type { LocalLogger } from '../log';
import { readBody, send, sendProblem, sourceIpOf } from './http-io';
import { buildProxyEvent } from './proxy-event';
import type { RateDecision, RateLimit, RateLimiter } from './rate-limiter';
import type { Authorize } from './types';

export interface RestDeps {
  readonly authorize: Authorize;
  readonly invoke: LambdaInvoker;
  readonly limiter: RateLimiter;
  /** Request rate of a plan. @default the plan's requestsPerSecond and burst */
  readonly rateLimitOf: (plan: string) => RateLimit;
  readonly log: LocalLogger;
  readonly now: () => number;
  /** Per-client-IP limit of the public auth routes (shared/auth/ip-limit.ts). */
  readonly authIpLimit: AuthIpLimit;
}

export interface AuthIpLimit {
  readonly limit: RateLimit;
  /** Client IPs the limit does not apply to (the test harness, which registers many users). */
  readonly exemptIps?: readonly string[];
}

/** Default rate limit: the caller's plan (shared/accounts/plans.ts). */
export const planRateLimit = (plan: string): RateLimit => {
  const { requestsPerSecond, burst } = planOf(plan).limits;
  return { ratePerSecond: requestsPerSecond, burst };
};

/**
 * One REST request through the local API Gateway: authorizer (non-public routes), usage-plan
 * throttling per caller, the Lambda proxy integration, and the proxy result written back.
 * Failures of the integration look like API Gateway's: 502 for a crashed or malformed handler,
 * 504 for a timeout, always as problem+json without internals.
 */
export async function handleRestRequest(
  deps: RestDeps,
  route: RouteDef,
  params: Readonly<Record<string, string>>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  baseHeaders: Readonly<Record<string, string>>,
): Promise<{ status: number; userId?: string; keyId?: string }> {
  const requestId = randomUUID();
  const headers: Record<string, string> = { ...baseHeaders, 'x-amzn-requestid': requestId };
  const body = await readBody(req);

  if (isIpRateLimited(route)) {
    const ip = sourceIpOf(req);
    const { limit, exemptIps = [] } = deps.authIpLimit;
    if (!exemptIps.includes(ip)) {
      const decision = deps.limiter.take(`ip:${ip}`, limit);
      if (!decision.allowed) {
        deps.log.warn('auth route rate-limited', { route: route.id, sourceIp: ip });
        sendProblem(res, ipRateLimited(decision, limit), url.pathname, {
          ...headers,
          ...rateLimitHeaders(decision),
        });
        return { status: 429 };
      }
    }
  }

  let auth: AuthContext | undefined;
  if (route.auth !== 'public') {
    const result = await deps.authorize({
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(typeof req.headers['x-api-key'] === 'string' ? { apiKey: req.headers['x-api-key'] } : {}),
    });
    if (!result.ok) {
      deps.log.warn('unauthorized request', {
        reason: result.reason,
        route: route.id,
        sourceIp: sourceIpOf(req),
      });
      sendProblem(
        res,
        new Unauthenticated('unauthorized', 'Unauthorized', { detail: 'Missing or invalid credentials.' }),
        url.pathname,
        {
          ...headers,
          'www-authenticate': 'Bearer realm="smsproj"',
        },
      );
      return { status: 401 };
    }
    auth = result.auth;
    const limit = scaled(deps.rateLimitOf(auth.plan), auth.limitFactor);
    const decision = deps.limiter.take(callerKey(auth), limit);
    Object.assign(headers, rateLimitHeaders(decision));
    if (!decision.allowed) {
      sendProblem(res, rateLimited(decision, limit, (auth.limitFactor ?? 1) === 1), url.pathname, headers);
      return { status: 429, ...caller(auth) };
    }
  }

  const event = buildProxyEvent({
    req,
    url,
    resource: route.path,
    pathParameters: params,
    body,
    requestId,
    authorizer: auth ? { ...authContextToRecord(auth), principalId: auth.userId } : null,
    now: deps.now(),
  });
  let result: unknown;
  try {
    result = await deps.invoke(route.handler, event, {
      timeoutMs: (route.timeoutSeconds ?? 29) * 1000,
      ...(route.memoryMb !== undefined ? { memoryMb: route.memoryMb } : {}),
      requestId,
    });
  } catch (error) {
    const timedOut = error instanceof LambdaTimeoutError;
    deps.log.error(timedOut ? 'handler timed out' : 'handler failed', {
      route: route.id,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    const status = timedOut ? 504 : 502;
    sendProblem(res, integrationError(status), url.pathname, headers);
    return { status, ...caller(auth) };
  }
  const proxy = asProxyResult(result);
  if (!proxy) {
    deps.log.error('malformed handler response', { route: route.id });
    sendProblem(res, integrationError(502), url.pathname, headers);
    return { status: 502, ...caller(auth) };
  }
  writeProxyResult(res, proxy, headers);
  return { status: proxy.statusCode, ...caller(auth) };
}

/** Who made the request, for the access log (metering counts per user and API key). */
const caller = (auth: AuthContext | undefined) =>
  auth ? { userId: auth.userId, ...(auth.keyId ? { keyId: auth.keyId } : {}) } : {};

/** An active temporary increase multiplies the plan's request rate and burst. */
function scaled(limit: RateLimit, factor: number | undefined): RateLimit {
  if (factor === undefined || !(factor > 1)) return limit;
  return { ratePerSecond: limit.ratePerSecond * factor, burst: Math.round(limit.burst * factor) };
}

/**
 * The plan's rate is the user's, whatever mix of API keys and sessions makes the requests: one
 * bucket per user. In AWS the authorizer answers every request of a user with the same
 * `usageIdentifierKey` (the user's one usage-plan key), so API Gateway throttles per user too.
 */
function callerKey(auth: AuthContext): string {
  return `user:${auth.userId}`;
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
  };
}

/** 429 as ../shared/API.md specifies it: exact Retry-After and the upgrade / increase links. */
/**
 * The 429 of the request-rate limit. A temporary increase is offered when none is active
 * (every authenticated caller has a verified email: login requires one).
 */
export function rateLimited(
  decision: RateDecision,
  limit: RateLimit,
  temporaryIncreaseEligible = false,
): DomainError {
  return new RateLimited('rate_limited', 'Too many requests', {
    detail: `Request rate limit of ${limit.ratePerSecond} per second (burst ${limit.burst}) exceeded. Retry in ${decision.retryAfterSeconds} s.`,
    retryAfterSeconds: decision.retryAfterSeconds,
    extensions: {
      retryAfter: decision.retryAfterSeconds,
      limit: limit.ratePerSecond,
      burst: limit.burst,
      upgrade: { href: '/v1/plans' },
      temporaryIncrease: { eligible: temporaryIncreaseEligible, href: '/v1/me/limits/temporary-increase' },
    },
  });
}

/** The 429 of the per-IP limit of the public auth routes (no plan links: there is no caller yet). */
function ipRateLimited(decision: RateDecision, limit: RateLimit): DomainError {
  return new RateLimited('rate_limited', 'Too many requests', {
    detail: `Too many requests from this address (${limit.ratePerSecond} per second, burst ${limit.burst}). Retry in ${decision.retryAfterSeconds} s.`,
    retryAfterSeconds: decision.retryAfterSeconds,
    extensions: { retryAfter: decision.retryAfterSeconds },
  });
}

function integrationError(status: 502 | 504): DomainError {
  return status === 504
    ? new UpstreamTimeout('gateway_timeout', 'Gateway timeout', {
        detail: 'The request took too long. Please retry.',
      })
    : new UpstreamFailed('bad_gateway', 'Bad gateway', {
        detail: 'Something went wrong on our side. Please retry later.',
      });
}

/** Accepts what API Gateway accepts from a proxy integration; anything else is a 502. */
function asProxyResult(value: unknown): APIGatewayProxyResult | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<APIGatewayProxyResult>;
  if (typeof candidate.statusCode !== 'number' || candidate.statusCode < 100 || candidate.statusCode > 599) {
    return undefined;
  }
  if (candidate.body !== undefined && candidate.body !== null && typeof candidate.body !== 'string')
    return undefined;
  return { ...candidate, statusCode: candidate.statusCode, body: candidate.body ?? '' };
}

function writeProxyResult(
  res: ServerResponse,
  result: APIGatewayProxyResult,
  gatewayHeaders: Readonly<Record<string, string>>,
): void {
  const headers: Record<string, string | string[]> = { ...gatewayHeaders };
  // As API Gateway merges them: multiValueHeaders win over headers of the same name.
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    headers[name.toLowerCase()] = values.map(String);
  }
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  send(res, result.statusCode, result.statusCode === 204 || result.statusCode === 304 ? '' : body, headers);
}
