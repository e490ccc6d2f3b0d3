import { type LookupFunction, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { forbiddenAddressReason, type GuardMode } from './url-guard';

/** A 2xx within this long is success (../shared/API.md). */
export const SEND_TIMEOUT_MS = 10_000;
/** Only this much of a response body is read (and kept for the log): receivers answer small. */
const MAX_RESPONSE_BYTES = 1024;

export interface SendResult {
  /** HTTP status, or undefined when no response arrived (refused, timeout, blocked address). */
  readonly statusCode?: number;
  readonly error?: string;
}

export class BlockedAddressError extends Error {
  constructor(reason: string) {
    super(`Refused to connect: the host resolved to ${reason}`);
    this.name = 'BlockedAddressError';
  }
}

/**
 * DNS lookup that refuses forbidden addresses: the address checked is the one connected to, so
 * a host re-bound to an internal address after the endpoint was validated is still refused.
 */
export function guardedLookup(mode: GuardMode): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = Array.isArray(addresses) ? addresses : [];
      for (const { address } of list) {
        const reason = forbiddenAddressReason(address, mode);
        if (reason) return callback(new BlockedAddressError(reason), '', 4);
      }
      if (options.all) return callback(null, list as never, 4);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} did not resolve`), '', 4);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs one signed webhook: no redirects followed (a 3xx is a failure), 10 s overall timeout,
 * the response body is drained but not trusted.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  mode: GuardMode,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<SendResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ error: 'invalid URL' });
      return;
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0) {
      const reason = forbiddenAddressReason(host, mode);
      if (reason) {
        resolve({ error: new BlockedAddressError(reason).message });
        return;
      }
    }
    const client = target.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'SMSPROJ-Webhooks/1.1',
        },
        lookup: guardedLookup(mode),
        agent: false,
      },
      (response) => {
        let seen = 0;
        response.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () => finish({ statusCode: response.statusCode ?? 0 });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`timeout after ${timeoutMs} ms`));
    }, timeoutMs);
    request.on('error', (error) => finish({ error: error.message.slice(0, 200) }));
    request.end(body);
  });
}
