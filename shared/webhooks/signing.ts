import { createHmac, randomBytes } from 'node:crypto';

/** `whsec_` + 32 random bytes (base64url). The whole string is the HMAC key. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** hex HMAC-SHA256(secret, `${t}.${rawBody}`): the `v1` scheme (Stripe's shape). */
export const signPayload = (secret: string, timestamp: number, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');

/**
 * `SmsProj-Signature: t=<unix seconds>,v1=<current>[,v1=<previous>]`: one `v1` per secret that
 * is valid (the previous one for 24 h after a rotation), so receivers verify with either.
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, rawBody: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${signPayload(s, timestamp, rawBody)}`)].join(',');
}
