import { createHash } from 'node:crypto';
import { db } from './sessions-db';
import { ttlIn } from '../platform/db/schema';
import { newId } from '../platform/ids';
import { accessTokenId } from './token-ids';

/** Refresh tokens live 30 days (Cognito app client setting); session records live as long. */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;

/** Denylist / mapping id of a refresh token: never the token itself, only its hash. */
export const refreshTokenId = (token: string) => `rt:${createHash('sha256').update(token).digest('hex')}`;

interface UnverifiedClaims {
  readonly jti?: string;
  readonly exp?: number;
  readonly sub?: string;
  readonly auth_time?: number;
  readonly iat?: number;
}

/** Claims of a token Cognito has just handed to us (so no verification needed here). */
export function claimsOf(token: string): UnverifiedClaims {
  const part = token.split('.')[1] ?? '';
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as UnverifiedClaims;
  } catch {
    // Opaque token: no claims to record; the session then is tracked by its refresh token only.
    return {};
  }
}

/** Records a new login session and links its first access token and its refresh token to it. */
export async function startSession(
  userId: string,
  accessToken: string,
  refreshToken: string | undefined,
): Promise<void> {
  const sessionId = newId('ses');
  const refreshHash = refreshToken ? refreshTokenId(refreshToken) : '';
  const links = [
    ...(refreshToken ? [{ tokenId: refreshHash, userId, sessionId, ttl: ttlIn(REFRESH_TOKEN_SECONDS) }] : []),
    ...accessLink(userId, sessionId, accessToken),
  ];
  await Promise.all([
    db()
      .entities.session.create({ userId, sessionId, refreshHash, ttl: ttlIn(REFRESH_TOKEN_SECONDS) })
      .go(),
    links.length > 0 ? db().entities.tokenSession.put(links).go() : undefined,
  ]);
}

/** Links an access token minted by a refresh to the refresh token's session. */
export async function continueSession(refreshToken: string, accessToken: string): Promise<void> {
  const { data } = await db()
    .entities.tokenSession.get({ tokenId: refreshTokenId(refreshToken) })
    .go();
  if (!data) return;
  const links = accessLink(data.userId, data.sessionId, accessToken);
  if (links.length > 0) await db().entities.tokenSession.put(links).go();
}

function accessLink(userId: string, sessionId: string, accessToken: string) {
  const { jti, exp } = claimsOf(accessToken);
  if (!jti) return [];
  return [{ tokenId: accessTokenId(jti), userId, sessionId, ttl: exp ?? ttlIn(3600) }];
}

export async function sessionOfAccessToken(jti: string): Promise<string | undefined> {
  const { data } = await db()
    .entities.tokenSession.get({ tokenId: accessTokenId(jti) })
    .go({ consistent: true });
  return data?.sessionId;
}

/**
 * Revokes every session of the user but `keepSessionId`: their refresh tokens go on the
 * denylist. Their access tokens are cut off by the user's `tokensValidAfter` (set by the caller).
 */
export async function revokeOtherSessions(
  userId: string,
  keepSessionId: string | undefined,
): Promise<number> {
  const { data: sessions } = await db().entities.session.query.primary({ userId }).go({ pages: 'all' });
  const others = sessions.filter((s) => s.sessionId !== keepSessionId && !s.revokedAt && s.refreshHash);
  if (others.length === 0) return 0;
  const now = new Date().toISOString();
  await db()
    .entities.revokedToken.put(
      others.map((s) => ({ tokenId: s.refreshHash, ttl: ttlIn(REFRESH_TOKEN_SECONDS) })),
    )
    .go();
  await Promise.all(
    others.map((s) =>
      db().entities.session.patch({ userId, sessionId: s.sessionId }).set({ revokedAt: now }).go(),
    ),
  );
  return others.length;
}

/**
 * `tokensValidAfter` for an invalidation happening now: the NEXT whole second. Token `iat` is
 * second-granular, so a token minted in the same second as a reset or password change cannot be
 * told apart from one minted just before it: all of them are rejected. The platform's own login
 * waits out the rest of that second (see `waitForValidityStart`), so its fresh tokens are valid.
 */
export const validAfterNow = (nowMs: number = Date.now()): number => Math.floor(nowMs / 1000) + 1;

/** Waits (at most 1 s) until tokens minted now will satisfy `tokensValidAfter`. */
export async function waitForValidityStart(tokensValidAfter: number | undefined): Promise<void> {
  const waitMs = (tokensValidAfter ?? 0) * 1000 - Date.now();
  if (waitMs > 0) await new Promise((resolveWait) => setTimeout(resolveWait, Math.min(waitMs, 1000)));
}

/**
 * When a refresh token was issued, in epoch milliseconds, as far as the platform can tell: the
 * login session it belongs to (platform logins), else the token's own `iat` when it is readable
 * (cognito-local's refresh tokens are signed JWTs; Cognito's are encrypted). Undefined when
 * unknown: the caller then uses the refreshed access token's `auth_time`.
 */
export async function refreshTokenIssuedAt(refreshToken: string): Promise<number | undefined> {
  const { data: link } = await db()
    .entities.tokenSession.get({ tokenId: refreshTokenId(refreshToken) })
    .go({ consistent: true });
  if (link) {
    const { data: session } = await db()
      .entities.session.get({ userId: link.userId, sessionId: link.sessionId })
      .go({ consistent: true });
    if (session) return Date.parse(session.createdAt);
  }
  const { iat } = claimsOf(refreshToken);
  return typeof iat === 'number' ? iat * 1000 : undefined;
}

/**
 * The key of the login session a token belongs to, the same for every token the session mints:
 * `origin_jti` where Cognito sets it (AWS), else the platform's own token → session link, else
 * the token itself. WebSocket connections remember it so logout closes that session's sockets.
 */
export async function sessionKeyOf(auth: {
  readonly jti?: string;
  readonly originJti?: string;
}): Promise<string | undefined> {
  if (auth.originJti) return `oj:${auth.originJti}`;
  if (!auth.jti) return undefined;
  const sessionId = await sessionOfAccessToken(auth.jti);
  return sessionId ? `ses:${sessionId}` : `at:${auth.jti}`;
}
