import type { AuthContext } from '../http/route';

/** Credentials as presented: the Authorization header and/or the X-Api-Key header. */
export interface Credentials {
  readonly authorization?: string;
  readonly apiKey?: string;
}

export type AuthFailureReason =
  | 'missing'
  | 'malformed'
  | 'invalid_token'
  | 'expired'
  | 'revoked'
  | 'unknown_key'
  | 'revoked_key'
  | 'unknown_user';

export type AuthorizeResult =
  | { readonly ok: true; readonly auth: AuthContext; readonly usageIdentifierKey?: string }
  | { readonly ok: false; readonly reason: AuthFailureReason };

/**
 * The one authentication decision, used by the REST Lambda authorizer, the WebSocket $connect
 * authorizer and the local gateway. Implementation lands with the accounts slice.
 */
export async function authorize(_credentials: Credentials): Promise<AuthorizeResult> {
  return { ok: false, reason: 'missing' };
}
