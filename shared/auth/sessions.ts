import { createHash } from 'node:crypto';
import { db } from '../db/service';
import { ttlIn } from '../db/schema';
import { newId } from '../ids';

/** Refresh tokens live 30 days (Cognito app client setting); session records live as long. */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;

/** Denylist / mapping id of a refresh token: never the token itself, only its hash. */
export const refreshTokenId = (token: string) => `rt:${createHash('sha256').update(token).digest('hex')}`;
export const accessTokenId = (jti: string) => `at:${jti}`;

interface UnverifiedClaims {
  readonly jti?: string;
  readonly exp?: number;
}

/** Claims of a token Cognito has just handed to us (so no verification needed here). */
function claimsOf(token: string): UnverifiedClaims {
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
