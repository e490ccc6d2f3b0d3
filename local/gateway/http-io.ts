import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  internalErrorBody,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  problemHeaders,
  statusOf,
} from '../../shared/platform/http/errors';
import { DomainError, TooLarge } from '../../shared/platform/errors';

/** Request bodies above this are refused at the gateway (413), before any handler runs. */
export const GATEWAY_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the whole request body, refusing it as soon as it exceeds `maxBytes` (a declared
 * Content-Length says so before a single byte is read).
 */
export function readBody(req: IncomingMessage, maxBytes = GATEWAY_MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBytes) {
      reject(tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        // Keep the socket: the 413 goes out with `connection: close` and the rest is discarded.
        refused = true;
        chunks.length = 0;
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (!refused) resolveBody(Buffer.concat(chunks));
    });
    req.once('error', reject);
  });
}

const tooLarge = (maxBytes: number) =>
  new TooLarge('payload_too_large', 'Payload too large', {
    detail: `Request bodies are limited to ${maxBytes} bytes at the gateway.`,
  });

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers });
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Readonly<Record<string, string | readonly string[]>> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  if (status === 204 || status === 304) {
    res.removeHeader('content-length');
    res.end();
    return;
  }
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/** RFC 9457 response for an DomainError; anything else is a 500 without internals. */
export function sendProblem(
  res: ServerResponse,
  error: unknown,
  instance?: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (error instanceof DomainError) {
    const closing: Record<string, string> = error instanceof TooLarge ? { connection: 'close' } : {};
    send(res, statusOf(error), JSON.stringify(problemBody(error, instance)), {
      ...headers,
      ...problemHeaders(error),
      ...closing,
      'content-type': PROBLEM_CONTENT_TYPE,
    });
    return;
  }
  send(res, 500, JSON.stringify(internalErrorBody()), { ...headers, 'content-type': PROBLEM_CONTENT_TYPE });
}

/** Client address without the IPv4-mapped IPv6 prefix, as API Gateway reports `sourceIp`. */
export function sourceIpOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}
