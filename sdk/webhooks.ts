/**
 * Receiving SMSPROJ webhooks: verify `SmsProj-Signature` before trusting a request.
 *
 * Standalone on purpose (no imports beyond node:crypto) so it can be copied into any Node
 * receiver; it becomes part of the client SDK.
 *
 *   import { verifyWebhook } from './webhooks';
 *   const event = verifyWebhook(process.env.SMSPROJ_WEBHOOK_SECRET, req.headers['smsproj-signature'], rawBody);
 *
 * The signature header is `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + rawBody)>`,
 * with a second `v1=` (the previous secret) for 24 h after a rotation. Verify the RAW body bytes
 * exactly as received, before any JSON parsing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VerifyOptions {
  /** Oldest (or furthest in the future) accepted timestamp, in seconds. @default 300 */
  readonly toleranceSeconds?: number;
  /** The current time in unix seconds (tests). @default now */
  readonly now?: number;
}

export interface WebhookEvent<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly createdAt: string;
  readonly data: T;
}

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/**
 * Verifies the signature and timestamp and returns the parsed event; throws
 * WebhookVerificationError when the request did not come from SMSPROJ (or is a replay older
 * than the tolerance).
 */
export function verifyWebhook<T = unknown>(
  secret: string,
  signatureHeader: string | null | undefined,
  rawBody: string | Uint8Array,
  options: VerifyOptions = {},
): WebhookEvent<T> {
  if (!secret) throw new WebhookVerificationError('No webhook secret configured');
  if (!signatureHeader) throw new WebhookVerificationError('Missing SmsProj-Signature header');
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of signatureHeader.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined) throw new WebhookVerificationError('Signature header has no timestamp');
  if (signatures.length === 0) throw new WebhookVerificationError('Signature header has no v1 signature');
  const tolerance = options.toleranceSeconds ?? 300;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > tolerance) {
    throw new WebhookVerificationError('Timestamp outside the tolerance (possible replay)');
  }
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
  const expected = createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]))
    .digest();
  const matches = signatures.some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookVerificationError('No signature matches');
  let event: unknown;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('Body is not JSON');
  }
  return event as WebhookEvent<T>;
}
