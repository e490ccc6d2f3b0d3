import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { config } from '../platform/config';

export interface AccessTokenClaims {
  readonly sub: string;
  readonly jti?: string;
  readonly originJti?: string;
  readonly iat: number;
  readonly exp: number;
}

interface Verifier {
  verify(token: string): Promise<JwtPayload>;
}

let verifier: Promise<Verifier> | undefined;

/**
 * AWS: CognitoJwtVerifier (issuer, JWKS, token_use=access and client_id all checked).
 * Local: the same checks against cognito-local's issuer; its JWKS is served over http, which
 * aws-jwt-verify's fetcher does not speak, so it is fetched once here and cached into the verifier.
 * Both reject `alg: none`, bad signatures and expired tokens.
 */
function accessTokenVerifier(): Promise<Verifier> {
  verifier ??= (async () => {
    const { USER_POOL_ID, USER_POOL_CLIENT_ID, JWT_ISSUER, JWKS_URI } = config('cognito');
    if (!JWT_ISSUER || !JWKS_URI) {
      return CognitoJwtVerifier.create({
        userPoolId: USER_POOL_ID,
        tokenUse: 'access',
        clientId: USER_POOL_CLIENT_ID,
      });
    }
    const local = JwtRsaVerifier.create({
      issuer: JWT_ISSUER,
      jwksUri: JWKS_URI,
      audience: null,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new Error('Not an access token');
        if (payload.client_id !== USER_POOL_CLIENT_ID) throw new Error('Token of another app client');
      },
    });
    const response = await fetch(JWKS_URI);
    if (!response.ok) throw new Error(`JWKS fetch failed with ${response.status}`);
    local.cacheJwks((await response.json()) as Parameters<typeof local.cacheJwks>[0]);
    return local;
  })().catch((error: unknown) => {
    verifier = undefined;
    throw error;
  });
  return verifier;
}

/** Verified access-token claims, or undefined for any invalid, expired or forged token. */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims | undefined> {
  const v = await accessTokenVerifier();
  try {
    const payload = await v.verify(token);
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
    return {
      sub: payload.sub,
      iat: typeof payload.iat === 'number' ? payload.iat : 0,
      exp: payload.exp,
      ...(typeof payload.jti === 'string' ? { jti: payload.jti } : {}),
      ...(typeof payload.origin_jti === 'string' ? { originJti: payload.origin_jti } : {}),
    };
  } catch {
    // Every verification failure means the same thing to the caller: not authenticated.
    return undefined;
  }
}

/** Claims of a token without verifying it — only to tell "expired" from "invalid" in logs. */
export function isExpiredJwt(token: string): boolean {
  const part = token.split('.')[1];
  if (!part) return false;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && claims.exp * 1000 < Date.now();
  } catch {
    return false;
  }
}
