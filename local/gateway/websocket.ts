import { randomBytes } from 'node:crypto';
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Credentials } from '../../shared/auth/authorizer';
import { authContextToRecord } from '../../shared/platform/http/auth-context';
import { internalErrorBody, problemBody, statusProblemBody } from '../../shared/platform/http/errors';
import { type DomainError, Unauthenticated } from '../../shared/platform/errors';
import { WS_FRAME_LIMIT, WS_POLICY_VIOLATION } from '../../shared/realtime/limits';
import type { WsRouteDef } from '../../shared/realtime/ws-routes';
import type { LambdaInvoker } from '../lambda/invoke';
import type { LocalLogger } from '../log';
import type { Authorize } from './types';
import { sourceIpOf } from './http-io';
import {
  type WsConnectionFacts,
  type WsEvent,
  connectEvent,
  disconnectEvent,
  messageEvent,
  selectRouteKey,
} from './ws-events';

/** API Gateway WebSocket quotas (../shared/ARCHITECTURE.md, "Reference behaviour"). */
export interface WsLimits {
  /** @default 10 minutes */
  readonly idleTimeoutMs: number;
  /** @default 2 hours */
  readonly maxConnectionMs: number;
  /** @default 32 KB */
  readonly maxFrameBytes: number;
}

export const DEFAULT_WS_LIMITS: WsLimits = {
  idleTimeoutMs: 10 * 60_000,
  maxConnectionMs: 2 * 60 * 60_000,
  maxFrameBytes: 32 * 1024,
};

/** What GET /@connections/{id} reports, plus the caller (for /dev endpoints). */
export interface WsConnectionInfo {
  readonly connectionId: string;
  readonly connectedAt: number;
  readonly lastActiveAt: number;
  readonly sourceIp: string;
  readonly userAgent: string | null;
  readonly userId: string | undefined;
}

export interface WebSocketGatewayOptions {
  readonly wsRoutes: readonly WsRouteDef[];
  readonly authorize: Authorize;
  readonly invoke: LambdaInvoker;
  readonly log: LocalLogger;
  readonly limits?: Partial<WsLimits>;
  readonly now?: () => number;
}

interface Connection {
  readonly facts: WsConnectionFacts;
  readonly socket: WebSocket;
  lastActiveAt: number;
  userId: string | undefined;
  /** Frame-rate window (shared/realtime/limits.ts): its start and the frames counted in it. */
  frameWindowStart: number;
  framesInWindow: number;
}

/** Path of the WebSocket endpoint on the gateway. */
export const WS_PATH = '/ws';

/**
 * The API Gateway WebSocket API, locally: authorizes the handshake (token in `?token=`), runs
 * $connect before accepting, routes JSON frames by `action`, runs $disconnect on close, enforces
 * the idle timeout, the connection lifetime and the frame size, and keeps the connection table
 * the `@connections` management API reads and writes.
 */
export class WebSocketGateway {
  private readonly connections = new Map<string, Connection>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly server: WebSocketServer;
  private readonly limits: WsLimits;
  private readonly now: () => number;
  private readonly handlers: ReadonlyMap<string, string>;
  private readonly sweeper: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly options: WebSocketGatewayOptions) {
    this.limits = { ...DEFAULT_WS_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    this.handlers = new Map(options.wsRoutes.map((route) => [route.routeKey, route.handler]));
    this.server = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxFrameBytes,
      perMessageDeflate: false,
    });
    const sweepEveryMs = Math.max(10, Math.min(this.limits.idleTimeoutMs / 4, 10_000));
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  /** Handles an HTTP upgrade to the WebSocket path; answers with a plain HTTP error when refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    socket.on('error', () => socket.destroy());
    this.accept(req, socket, head, url).catch((error: unknown) => {
      this.options.log.error('websocket connect failed', { error: describe(error) });
      rejectUpgrade(socket, 500);
    });
  }

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const sourceIp = sourceIpOf(req);
    if (this.closing) return rejectUpgrade(socket, 503);
    const token = url.searchParams.get('token');
    const credentials: Credentials = token ? { authorization: `Bearer ${token}` } : {};
    const result = await this.options.authorize(credentials);
    if (!result.ok) {
      this.options.log.warn('websocket connect unauthorized', { reason: result.reason, sourceIp });
      return rejectUpgrade(
        socket,
        401,
        new Unauthenticated('unauthorized', 'Unauthorized', { detail: 'Missing or invalid token.' }),
      );
    }
    const connectedAt = this.now();
    const facts: WsConnectionFacts = {
      connectionId: newConnectionId(),
      connectedAt,
      sourceIp,
      userAgent: req.headers['user-agent'] ?? null,
      domainName: req.headers.host ?? 'localhost',
      authorizer: { ...authContextToRecord(result.auth), principalId: result.auth.userId },
    };
    const connectResult = await this.run(
      '$connect',
      connectEvent(facts, req.headers, url.searchParams, connectedAt),
    );
    const status = connectResult.ok ? statusOf(connectResult.value) : 500;
    if (status >= 400) {
      this.options.log.warn('websocket connect refused by $connect', { status, sourceIp });
      return rejectUpgrade(socket, status);
    }
    if (socket.destroyed) {
      // The client gave up during $connect: API Gateway would still run $disconnect.
      this.track(this.run('$disconnect', disconnectEvent(facts, 1006, 'Client went away', this.now())));
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.register(facts, ws, result.auth.userId));
  }

  private register(facts: WsConnectionFacts, socket: WebSocket, userId: string): void {
    const connection: Connection = {
      facts,
      socket,
      lastActiveAt: this.now(),
      userId,
      frameWindowStart: this.now(),
      framesInWindow: 0,
    };
    this.connections.set(facts.connectionId, connection);
    socket.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
    socket.on('ping', () => {
      connection.lastActiveAt = this.now();
    });
    socket.on('error', (error) => {
      this.options.log.warn('websocket error', { connectionId: facts.connectionId, error: describe(error) });
      // After a protocol error (e.g. a frame over the size limit, closed with 1009) ws stops
      // reading, so the closing handshake cannot complete: drop the socket after a grace period.
      setTimeout(() => socket.terminate(), 1000).unref();
    });
    socket.once('close', (code, reason) => {
      this.connections.delete(facts.connectionId);
      const event = disconnectEvent(facts, code, reason.toString('utf8'), this.now());
      this.track(this.run('$disconnect', event));
    });
  }

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    connection.lastActiveAt = this.now();
    if (!this.admitFrame(connection)) return;
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const body = isBinary ? bytes.toString('base64') : bytes.toString('utf8');
    const routeKey = selectRouteKey(body, isBinary, new Set(this.handlers.keys()));
    const event = messageEvent(connection.facts, routeKey, body, isBinary, connection.lastActiveAt);
    this.track(
      this.run(routeKey, event).then((result) => {
        // What API Gateway sends back when the route is missing or its integration fails.
        if (result.ok) return;
        const message = result.missing ? 'Forbidden' : 'Internal server error';
        this.send(
          connection,
          JSON.stringify({
            message,
            connectionId: connection.facts.connectionId,
            requestId: event.requestContext.requestId,
          }),
        );
      }),
    );
  }

  /**
   * The per-connection frame limit (as the shared $default handler enforces it in AWS): past it
   * the connection is closed with 1008 (policy violation) and the frame goes nowhere.
   */
  private admitFrame(connection: Connection): boolean {
    const now = this.now();
    if (now - connection.frameWindowStart >= WS_FRAME_LIMIT.windowSeconds * 1000) {
      connection.frameWindowStart = now;
      connection.framesInWindow = 0;
    }
    connection.framesInWindow += 1;
    if (connection.framesInWindow <= WS_FRAME_LIMIT.max) return true;
    if (connection.socket.readyState === connection.socket.OPEN) {
      this.options.log.warn('websocket frame flood', { connectionId: connection.facts.connectionId });
      connection.socket.close(WS_POLICY_VIOLATION, 'Policy violation: too many frames');
    }
    return false;
  }

  /** Invokes a route's handler module; never throws (failures are logged and reported). */
  private async run(
    routeKey: string,
    event: WsEvent,
  ): Promise<{ ok: true; value: unknown } | { ok: false; missing: boolean }> {
    const module = this.handlers.get(routeKey);
    if (!module)
      return routeKey === '$connect' || routeKey === '$disconnect'
        ? { ok: true, value: undefined }
        : { ok: false, missing: true };
    try {
      return {
        ok: true,
        value: await this.options.invoke(module, event, { requestId: event.requestContext.requestId }),
      };
    } catch (error) {
      this.options.log.error('websocket route failed', { routeKey, error: describe(error) });
      return { ok: false, missing: false };
    }
  }

  private track(promise: Promise<unknown>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private send(connection: Connection, data: string): boolean {
    if (connection.socket.readyState !== connection.socket.OPEN) return false;
    connection.socket.send(data);
    return true;
  }

  /** POST @connections/{id}: sends `data` as a text frame; false when the connection is gone (410). */
  post(connectionId: string, data: Buffer): boolean {
    const connection = this.connections.get(connectionId);
    return connection ? this.send(connection, data.toString('utf8')) : false;
  }

  get(connectionId: string): WsConnectionInfo | undefined {
    const connection = this.connections.get(connectionId);
    return connection && connection.socket.readyState === connection.socket.OPEN
      ? infoOf(connection)
      : undefined;
  }

  /** DELETE @connections/{id}: closes the connection ($disconnect runs); false when unknown. */
  disconnect(connectionId: string): boolean {
    const connection = this.connections.get(connectionId);
    if (!connection) return false;
    connection.socket.close(1000, 'Connection closed by the server');
    return true;
  }

  list(): WsConnectionInfo[] {
    return [...this.connections.values()].map(infoOf);
  }

  /** Closes every connection as API Gateway does on a deployment, then waits for $disconnect runs. */
  async close(timeoutMs = 3000): Promise<void> {
    this.closing = true;
    clearInterval(this.sweeper);
    for (const connection of this.connections.values()) connection.socket.close(1001, 'Going away');
    const deadline = Date.now() + timeoutMs;
    // Poll with a real timer: closing handshakes and $disconnect runs need the event loop.
    while ((this.connections.size > 0 || this.pending.size > 0) && Date.now() < deadline) {
      await new Promise((resolveTick) => setTimeout(resolveTick, 20));
    }
    for (const connection of this.connections.values()) connection.socket.terminate();
    this.server.close();
  }

  /** Closes connections idle for longer than the idle timeout or older than the lifetime cap. */
  private sweep(): void {
    const now = this.now();
    for (const connection of this.connections.values()) {
      if (now - connection.lastActiveAt >= this.limits.idleTimeoutMs) {
        connection.socket.close(1001, 'Going away: idle timeout');
      } else if (now - connection.facts.connectedAt >= this.limits.maxConnectionMs) {
        connection.socket.close(1001, 'Going away: connection duration limit');
      }
    }
  }
}

function infoOf(connection: Connection): WsConnectionInfo {
  return {
    connectionId: connection.facts.connectionId,
    connectedAt: connection.facts.connectedAt,
    lastActiveAt: connection.lastActiveAt,
    sourceIp: connection.facts.sourceIp,
    userAgent: connection.facts.userAgent,
    userId: connection.userId,
  };
}

/**
 * API Gateway style connection id: base64 of 11 random bytes, e.g. "L0SM9cOFvHcCIhw=". The
 * alphabet includes `+` and `/`, so callers must URL-encode it, as the SDK does.
 */
export function newConnectionId(): string {
  return randomBytes(11).toString('base64');
}

/** $connect may return nothing (accepted) or a proxy result whose statusCode decides. */
function statusOf(value: unknown): number {
  if (typeof value === 'object' && value !== null) {
    const status = (value as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number') return status;
  }
  return 200;
}

/** Refuses the handshake with a plain HTTP response (problem+json body) and closes the socket. */
function rejectUpgrade(socket: Duplex, status: number, error?: DomainError): void {
  if (socket.destroyed) return;
  const title = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify(
    error
      ? problemBody(error)
      : status >= 500
        ? internalErrorBody()
        : statusProblemBody(status, codeFor(status), title),
  );
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\n` +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

function codeFor(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'service_unavailable';
  return 'connect_refused';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
