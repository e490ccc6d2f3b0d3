import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LOCAL_API_ID, LOCAL_STAGE, formatRequestTime } from './proxy-event';

export type WsEventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

/** requestContext of an API Gateway WebSocket event, with the authorizer's context values. */
export interface WsRequestContext {
  readonly routeKey: string;
  readonly eventType: WsEventType;
  readonly messageId?: string;
  readonly extendedRequestId: string;
  readonly requestTime: string;
  readonly messageDirection: 'IN';
  readonly stage: string;
  readonly connectedAt: number;
  readonly requestTimeEpoch: number;
  readonly identity: { readonly sourceIp: string; readonly userAgent: string | null };
  readonly requestId: string;
  readonly domainName: string;
  readonly connectionId: string;
  readonly apiId: string;
  readonly authorizer: Readonly<Record<string, string>>;
  readonly disconnectStatusCode?: number;
  readonly disconnectReason?: string;
}

/**
 * The event API Gateway gives WebSocket route integrations. $connect carries the handshake's
 * headers and query string; messages carry the frame as `body`; $disconnect says why.
 */
export interface WsEvent {
  readonly requestContext: WsRequestContext;
  readonly headers?: Readonly<Record<string, string>>;
  readonly multiValueHeaders?: Readonly<Record<string, string[]>>;
  readonly queryStringParameters?: Readonly<Record<string, string>>;
  readonly multiValueQueryStringParameters?: Readonly<Record<string, string[]>>;
  readonly body?: string;
  readonly isBase64Encoded: boolean;
}

/** What every event of one connection shares. */
export interface WsConnectionFacts {
  readonly connectionId: string;
  readonly connectedAt: number;
  readonly sourceIp: string;
  readonly userAgent: string | null;
  readonly domainName: string;
  readonly authorizer: Readonly<Record<string, string>>;
}

function requestContext(
  facts: WsConnectionFacts,
  routeKey: string,
  eventType: WsEventType,
  now: number,
): WsRequestContext {
  const requestId = randomUUID();
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: formatRequestTime(new Date(now)),
    messageDirection: 'IN',
    stage: LOCAL_STAGE,
    connectedAt: facts.connectedAt,
    requestTimeEpoch: now,
    identity: { sourceIp: facts.sourceIp, userAgent: facts.userAgent },
    requestId,
    domainName: facts.domainName,
    connectionId: facts.connectionId,
    apiId: LOCAL_API_ID,
    authorizer: facts.authorizer,
  };
}

export function connectEvent(
  facts: WsConnectionFacts,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  now: number,
): WsEvent {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    single[name] = values.at(-1) ?? '';
    multi[name] = values;
  }
  const querySingle: Record<string, string> = {};
  const queryMulti: Record<string, string[]> = {};
  for (const [name, value] of query) {
    querySingle[name] = value;
    queryMulti[name] = [...(queryMulti[name] ?? []), value];
  }
  return {
    requestContext: requestContext(facts, '$connect', 'CONNECT', now),
    headers: single,
    multiValueHeaders: multi,
    queryStringParameters: querySingle,
    multiValueQueryStringParameters: queryMulti,
    isBase64Encoded: false,
  };
}

export function messageEvent(
  facts: WsConnectionFacts,
  routeKey: string,
  body: string,
  isBase64Encoded: boolean,
  now: number,
): WsEvent {
  return {
    requestContext: { ...requestContext(facts, routeKey, 'MESSAGE', now), messageId: randomUUID() },
    body,
    isBase64Encoded,
  };
}

export function disconnectEvent(
  facts: WsConnectionFacts,
  statusCode: number,
  reason: string,
  now: number,
): WsEvent {
  return {
    requestContext: {
      ...requestContext(facts, '$disconnect', 'DISCONNECT', now),
      disconnectStatusCode: statusCode,
      disconnectReason: reason,
    },
    headers: {},
    multiValueHeaders: {},
    isBase64Encoded: false,
  };
}

/**
 * API Gateway's route selection for `$request.body.action`: a JSON frame whose `action` names a
 * route goes there; anything else goes to $default.
 */
export function selectRouteKey(body: string, isBinary: boolean, routeKeys: ReadonlySet<string>): string {
  if (!isBinary) {
    try {
      const parsed: unknown = JSON.parse(body);
      const action =
        typeof parsed === 'object' && parsed !== null ? (parsed as { action?: unknown }).action : undefined;
      if (typeof action === 'string' && !action.startsWith('$') && routeKeys.has(action)) return action;
    } catch {
      // Not JSON: $default.
    }
  }
  return '$default';
}
