import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { hashApiKey, looksLikeApiKey } from '../accounts/api-key-secret';
import type { UserItem } from '../accounts/entities/user';
import { dynamo, tableName } from '../platform/db/client';
import { db } from './db';
import { type AuthContext, SCOPES, type Scope } from '../platform/http/route';
import { userIdFromSub } from '../platform/ids';
import { activeFactor } from '../accounts/limit-factor';
import { isExpiredJwt, verifyAccessToken } from './jwt';
import { sessionOfAccessToken } from './sessions';

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
    ...(claims.jti ? [`at:${claims.jti}`] : []),
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
  const { data: secret } = await db()
    .entities.apiKeySecret.get({ secretHash: hashApiKey(key) })
    .go({ consistent: true });
  if (!secret) return fail('unknown_key');
  const { data: user } = await db().entities.user.get({ userId: secret.userId }).go({ consistent: true });
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

/** The user and the denylist entries of a token in one strongly consistent BatchGetItem. */
async function loadUserAndDenylist(
  userId: string,
  tokenIds: readonly string[],
): Promise<{ user: UserItem | undefined; revoked: boolean }> {
  const { user: users, revokedToken } = db().entities;
  const userKey = users.get({ userId }).params<{ Key: Record<string, string> }>().Key;
  const deniedKeys = tokenIds.map(
    (tokenId) => revokedToken.get({ tokenId }).params<{ Key: Record<string, string> }>().Key,
  );
  const table = tableName();
  const items: Record<string, unknown>[] = [];
  let keys: Record<string, unknown>[] = [userKey, ...deniedKeys];
  // A denylist entry left unprocessed must not read as "not revoked": retry until every key is answered.
  for (let attempt = 0; keys.length > 0; attempt += 1) {
    if (attempt === 5) throw new Error('BatchGetItem left keys unprocessed');
    const out = await dynamo().send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
    );
    items.push(...(out.Responses?.[table] ?? []));
    keys = out.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  const userItem = items.find((item) => item.pk === userKey.pk && item.sk === userKey.sk);
  const revoked = items.some((item) => deniedKeys.some((k) => k.pk === item.pk));
  const parsed = userItem ? users.parse({ Item: userItem }).data : undefined;
  return { user: parsed ?? undefined, revoked };
}
