import type { IncomingMessage, ServerResponse } from 'node:http';
import { TooLarge } from '../../shared/platform/errors';
import { readBody, send, sendJson } from './http-io';
import type { WebSocketGateway } from './websocket';

/** PostToConnection's payload limit in API Gateway. */
const MAX_POST_BYTES = 128 * 1024;

/**
 * `/@connections/{connectionId}`, optionally behind a stage prefix (`/local/@connections/...`)
 * as with a deployed endpoint URL that ends in the stage. The SDK URL-encodes the id.
 */
const MANAGEMENT_PATH = /^(?:\/[^/@]+)?\/@connections\/([^/]+)$/;

export function isManagementPath(pathname: string): boolean {
  return MANAGEMENT_PATH.test(pathname);
}

/**
 * The API Gateway management API (`@aws-sdk/client-apigatewaymanagementapi` works against it
 * unchanged; its SigV4 headers are accepted without checking). Errors use the AWS JSON error
 * shape (`x-amzn-ErrorType` + `message`) so the SDK raises its typed exceptions, GoneException
 * above all: the realtime context deletes stale connection records on it.
 */
export async function handleManagementRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  gateway: WebSocketGateway,
): Promise<void> {
  const raw = MANAGEMENT_PATH.exec(url.pathname)?.[1] ?? '';
  let connectionId: string;
  try {
    connectionId = decodeURIComponent(raw);
  } catch {
    return awsError(res, 400, 'BadRequestException', 'Invalid connection id');
  }
  switch (req.method) {
    case 'POST': {
      let data: Buffer;
      try {
        data = await readBody(req, MAX_POST_BYTES);
      } catch (error) {
        if (error instanceof TooLarge) {
          return awsError(res, 413, 'PayloadTooLargeException', 'Data exceeds 128 KB', {
            connection: 'close',
          });
        }
        throw error;
      }
      if (!gateway.post(connectionId, data)) return gone(res);
      return send(res, 200, '');
    }
    case 'GET': {
      const info = gateway.get(connectionId);
      if (!info) return gone(res);
      return sendJson(res, 200, {
        connectedAt: new Date(info.connectedAt).toISOString(),
        identity: { sourceIp: info.sourceIp, userAgent: info.userAgent ?? '' },
        lastActiveAt: new Date(info.lastActiveAt).toISOString(),
      });
    }
    case 'DELETE':
      if (!gateway.disconnect(connectionId)) return gone(res);
      return send(res, 204, '');
    default:
      return awsError(res, 403, 'ForbiddenException', 'Forbidden');
  }
}

const gone = (res: ServerResponse) => awsError(res, 410, 'GoneException', 'Connection is gone');

function awsError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { message }, { 'x-amzn-errortype': type, ...headers });
}
