import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainError, InvalidInput, MethodNotAllowed, NotFound } from '../../shared/platform/errors';
import { parseJsonSafely } from '../../shared/platform/http/json';
import type { RouteDef } from '../../shared/platform/http/route';
import { parseWith } from '../../shared/platform/http/validate';
import type { JobDef } from '../../shared/platform/jobs/registry';
import type { WsRouteDef } from '../../shared/realtime/ws-routes';
import type { DevContext, DevEndpoint } from '../dev/registry';
import type { HealthReport } from '../health';
import type { LambdaInvoker } from '../lambda/invoke';
import type { LocalLogger } from '../log';
import { corsHeaders, isPreflight, preflightHeaders } from './cors';
import { readBody, send, sendJson, sendProblem } from './http-io';
import { handleManagementRequest, isManagementPath } from './management-api';
import { AccessLogMeter } from './access-log';
import { RateLimiter, type RateLimit } from './rate-limiter';
import { AUTH_IP_RATE_LIMIT } from '../../shared/auth/ip-limit';
import { type AuthIpLimit, handleRestRequest, planRateLimit } from './rest';
import { createRouter } from './router';
import { serveStatic } from './static-files';
import type { Authorize } from './types';
import { WS_PATH, WebSocketGateway, type WsLimits } from './websocket';

export interface GatewayDeps {
  readonly routes: readonly RouteDef[];
  readonly wsRoutes: readonly WsRouteDef[];
  readonly jobs: readonly JobDef[];
  readonly devEndpoints: readonly DevEndpoint[];
  readonly authorize: Authorize;
  readonly invoke: LambdaInvoker;
  readonly health: () => Promise<HealthReport>;
  readonly openApi: () => unknown;
  readonly log: LocalLogger;
  /** Built web client to serve at / (skipped when it has no index.html). */
  readonly webRoot?: string;
  /** Log one line per request. @default true */
  readonly accessLog?: boolean;
  readonly now?: () => number;
  readonly wsLimits?: Partial<WsLimits>;
  /** @default the plan's requestsPerSecond and burst */
  readonly rateLimitOf?: (plan: string) => RateLimit;
  /** Per-client-IP limit of the public auth routes. @default 20/s, burst 40, no exemptions */
  readonly authIpLimit?: AuthIpLimit;
}

export interface GatewayApp {
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly websocket: WebSocketGateway;
  close(): Promise<void>;
}

/** Paths the gateway owns; everything else may fall back to the web client. */
const RESERVED = /^\/(v1|dev|ws|health|openapi\.json)(\/|$)/;

/**
 * The local API Gateway: one HTTP server for the REST routes of the route table, the
 * WebSocket API and its `@connections` management API, /openapi.json, /health, the /dev tools
 * and the built web client. Every error it produces itself is problem+json without internals.
 */
export function createGatewayApp(deps: GatewayDeps): GatewayApp {
  const now = deps.now ?? Date.now;
  const apiRouter = createRouter(deps.routes);
  const devRouter = createRouter(deps.devEndpoints);
  const limiter = new RateLimiter({ now });
  const accessLog = new AccessLogMeter(deps.log);
  const websocket = new WebSocketGateway({
    wsRoutes: deps.wsRoutes,
    authorize: deps.authorize,
    invoke: deps.invoke,
    log: deps.log,
    now,
    ...(deps.wsLimits ? { limits: deps.wsLimits } : {}),
  });
  const devContext: DevContext = {
    invoke: deps.invoke,
    jobs: deps.jobs,
    connections: () => websocket.list(),
  };
  const restDeps = {
    authorize: deps.authorize,
    invoke: deps.invoke,
    limiter,
    rateLimitOf: deps.rateLimitOf ?? planRateLimit,
    authIpLimit: deps.authIpLimit ?? { limit: AUTH_IP_RATE_LIMIT },
    log: deps.log,
    now,
  };
  let openApiDocument: unknown;

  async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<RequestNote> {
    const method = (req.method ?? 'GET').toUpperCase();
    const cors = corsHeaders(req);
    if (isPreflight(req)) {
      send(res, 204, '', preflightHeaders(req));
      return {};
    }
    if (isManagementPath(url.pathname)) {
      await handleManagementRequest(req, res, url, websocket);
      return {};
    }
    if (url.pathname === '/health' && method === 'GET') {
      const report = await deps.health();
      sendJson(res, report.status === 'ok' ? 200 : 503, report, { ...cors, 'cache-control': 'no-store' });
      return {};
    }
    if (url.pathname === '/openapi.json' && method === 'GET') {
      openApiDocument ??= deps.openApi();
      sendJson(res, 200, openApiDocument, cors);
      return {};
    }
    if (url.pathname === '/dev' && method === 'GET') {
      const items = deps.devEndpoints.map(({ method: m, path, summary }) => ({ method: m, path, summary }));
      sendJson(res, 200, { items }, cors);
      return {};
    }
    if (url.pathname.startsWith('/dev/')) {
      const match = devRouter.match(method, url.pathname);
      if (match.kind === 'match') {
        await handleDev(match.item, match.params, req, res, url, cors);
        return {};
      }
      throw routingError(match, method, url.pathname);
    }
    const match = apiRouter.match(method, url.pathname);
    if (match.kind === 'match') {
      const outcome = await handleRestRequest(restDeps, match.item, match.params, req, res, url, cors);
      accessLog.record({
        requestTimeEpoch: now(),
        status: outcome.status,
        userId: outcome.userId,
        keyId: outcome.keyId,
      });
      return { route: match.item.id, ...(outcome.userId ? { userId: outcome.userId } : {}) };
    }
    if (match.kind === 'not_found' && method === 'GET' && !RESERVED.test(url.pathname)) {
      if (deps.webRoot && (await serveStatic(deps.webRoot, url.pathname, res))) return {};
      if (url.pathname === '/') {
        sendJson(res, 200, indexDocument(), cors);
        return {};
      }
    }
    throw routingError(match, method, url.pathname);
  }

  async function handleDev(
    endpoint: DevEndpoint,
    params: Readonly<Record<string, string>>,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    cors: Readonly<Record<string, string>>,
  ): Promise<void> {
    const raw = await readBody(req);
    const query = parseWith(endpoint.query, Object.fromEntries(url.searchParams), 'query');
    const json = raw.length > 0 ? parseJsonSafely(raw.toString('utf8')) : {};
    const body = parseWith(endpoint.body, json, 'body');
    const result = await endpoint.handle({ params, query, body }, devContext);
    if (result.body === undefined) send(res, result.status, '', { ...cors, ...result.headers });
    else sendJson(res, result.status, result.body, { ...cors, ...result.headers });
  }

  return {
    websocket,
    onRequest(req, res) {
      const startedAt = Date.now();
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        sendProblem(
          res,
          new InvalidInput('bad_request', 'Bad request', { detail: 'Malformed request target.' }),
        );
        return;
      }
      dispatch(req, res, url)
        .catch((error: unknown) => {
          if (!(error instanceof DomainError)) {
            deps.log.error('gateway error', {
              path: url.pathname,
              error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
            });
          }
          sendProblem(res, error, url.pathname, corsHeaders(req));
          return {};
        })
        .then((note) => {
          if (deps.accessLog === false) return;
          deps.log.info('request', {
            method: req.method,
            path: url.pathname,
            status: res.statusCode,
            ms: Date.now() - startedAt,
            ...note,
          });
        });
    },
    onUpgrade(req, socket, head) {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        socket.destroy();
        return;
      }
      if (url.pathname !== WS_PATH && url.pathname !== `${WS_PATH}/`) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      websocket.handleUpgrade(req, socket, head, url);
    },
    close: async () => {
      await Promise.all([websocket.close(), accessLog.close()]);
    },
  };
}

interface RequestNote {
  readonly route?: string;
  readonly userId?: string;
}

function routingError(
  match:
    | { kind: 'method_not_allowed'; allow: readonly string[] }
    | { kind: 'not_found' }
    | { kind: 'bad_path' },
  method: string,
  pathname: string,
): DomainError {
  if (match.kind === 'method_not_allowed') {
    return new MethodNotAllowed(
      `${method} is not allowed on ${pathname}. Allowed: ${match.allow.join(', ')}.`,
      match.allow,
    );
  }
  if (match.kind === 'bad_path')
    return new InvalidInput('bad_request', 'Bad request', {
      detail: 'The request path is not correctly URL-encoded.',
    });
  return new NotFound(`No route for ${method} ${pathname}.`);
}

function indexDocument(): Record<string, unknown> {
  return {
    name: 'SMSPROJ local runtime',
    links: {
      api: '/v1',
      openapi: '/openapi.json',
      health: '/health',
      dev: '/dev',
      websocket: `${WS_PATH}?token=<accessToken>`,
    },
  };
}
