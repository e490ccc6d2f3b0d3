import { hashApiKey, looksLikeApiKey } from '../accounts/api-key-secret';
import { type AuthContext, SCOPES, type Scope } from '../platform/http/route';
import { userIdFromSub } from '../platform/ids';
import { activeFactor } from '../accounts/limit-factor';
import { getApiKeySecret, getUser, loadUserAndDenylist, sessionOfAccessToken } from './authorizer-reads';
import { isExpiredJwt, verifyAccessToken } from './jwt';
import { accessTokenId } from './token-ids';

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
  | 'unknown_user'
  | 'suspended';

export type AuthorizeResult =
  | { readonly ok: true; readonly auth: AuthContext; readonly usageIdentifierKey?: string }
  | { readonly ok: false; readonly reason: AuthFailureReason };

const fail = (reason: AuthFailureReason): AuthorizeResult => ({ ok: false, reason });

/**
 * The one authentication decision, used by the REST Lambda authorizer, the WebSocket $connect
 * authorizer and the local gateway. Bearer tokens win over API keys when both are sent.
 * Nothing here is cached across requests, so logout, rotation and revocation apply at once.
 */
export async function authorize(credentials: Credentials): Promise<AuthorizeResult> {
  const authorization = credentials.authorization?.trim();
  if (authorization) {
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,8192})$/i.exec(authorization);
    if (!match?.[1]) return fail('malformed');
    return authorizeToken(match[1]);
  }
  const apiKey = credentials.apiKey?.trim();
  if (apiKey) return authorizeApiKey(apiKey);
  return fail('missing');
}

async function authorizeToken(token: string): Promise<AuthorizeResult> {
  const claims = await verifyAccessToken(token);
  if (!claims) return fail(isExpiredJwt(token) ? 'expired' : 'invalid_token');
  const userId = userIdFromSub(claims.sub);
  const { user, revoked } = await loadUserAndDenylist(userId, [
    ...(claims.jti ? [accessTokenId(claims.jti)] : []),
    ...(claims.originJti ? [`oj:${claims.originJti}`] : []),
  ]);
  if (revoked) return fail('revoked');
  if (!user) return fail('unknown_user');
  if (user.status !== 'active') return fail('suspended');
  if (user.tokensValidAfter !== undefined && claims.iat < user.tokensValidAfter) {
    // Issued before a password change or reset: only the session that changed the password survives.
    const session = claims.jti ? await sessionOfAccessToken(claims.jti) : undefined;
    if (!session || session !== user.keepSessionId) return fail('revoked');
  }
  return {
    ok: true,
    auth: {
      userId,
      via: 'jwt',
      scopes: [...SCOPES],
      plan: user.plan,
      limitFactor: activeFactor(user),
      tokenExp: claims.exp,
      ...(claims.jti ? { jti: claims.jti } : {}),
      ...(claims.originJti ? { originJti: claims.originJti } : {}),
    },
    ...(user.gatewayApiKeyValue ? { usageIdentifierKey: user.gatewayApiKeyValue } : {}),
  };
}

async function authorizeApiKey(key: string): Promise<AuthorizeResult> {
  if (!looksLikeApiKey(key)) return fail('malformed');
  const secret = await getApiKeySecret(hashApiKey(key));
  if (!secret) return fail('unknown_key');
  const user = await getUser(secret.userId);
  if (!user) return fail('unknown_user');
  if (user.status !== 'active') return fail('suspended');
  return {
    ok: true,
    auth: {
      userId: secret.userId,
      via: 'key',
      keyId: secret.keyId,
      scopes: secret.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
      plan: user.plan,
      limitFactor: activeFactor(user),
    },
    // The plan's rate is per user: API Gateway throttles per usage identifier, so every key of a
    // user presents the user's one usage-plan key (a key's own, made before v1.1, only as a fallback).
    ...usageIdentifier(user.gatewayApiKeyValue ?? secret.gatewayApiKeyValue),
  };
}

const usageIdentifier = (value: string | undefined) => (value ? { usageIdentifierKey: value } : {});
