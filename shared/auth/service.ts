import { createGatewayKey } from '../accounts/gateway-keys';
import { sendEmail } from '../platform/adapters/email';
import { db } from './db';
import { emailTaken, findUserIdBy, getUser, type PublicUser, usernameTaken } from './users';
import { ttlIn } from '../platform/db/schema';
import { rejectedItems } from '../platform/db/transactions';
import { Forbidden, InvalidInput, Unauthenticated } from '../platform/errors';
import type { AuthContext } from '../platform/http/route';
import { userIdFromSub } from '../platform/ids';
import { logger } from '../platform/observability/logger';
import * as cognito from './cognito';
import { issueCode, mayIssueCode, redeemCode } from './codes';
import {
  claimsOf,
  continueSession,
  REFRESH_TOKEN_SECONDS,
  refreshTokenId,
  refreshTokenIssuedAt,
  revokeOtherSessions,
  sessionKeyOf,
  startSession,
  validAfterNow,
  waitForValidityStart,
} from './sessions';
import { recordActivity } from '../activity/service';
import { closeAllConnections, closeSessionConnections } from '../realtime/connections';

/**
 * Registration: Cognito holds the password (hashed), the table holds the profile plus one
 * uniqueness item per email and username, written in one transaction. If the transaction
 * loses a race after Cognito accepted the user, the Cognito user is deleted again, so a
 * failed registration leaves nothing behind.
 */
export async function register(input: {
  email: string;
  username: string;
  password: string;
  fullName?: string;
}): Promise<PublicUser> {
  const { email, username } = input;
  const [emailOwner, usernameOwner] = await Promise.all([
    findUserIdBy('email', email),
    findUserIdBy('username', username),
  ]);
  if (emailOwner) throw emailTaken();
  if (usernameOwner) throw usernameTaken();

  let sub: string;
  try {
    sub = await createCognitoUser(email, input.password);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'UsernameExistsException' || name === 'AliasExistsException') throw emailTaken();
    if (name === 'InvalidPasswordException') {
      throw new InvalidInput('validation_failed', 'Validation failed', {
        detail: 'The password does not meet the password policy.',
        errors: [{ path: 'body.password', message: 'Password does not meet the policy.' }],
      });
    }
    throw error;
  }
  const userId = userIdFromSub(sub);
  const result = await db()
    .transaction.write(({ user, uniqueClaim }) => [
      uniqueClaim.create({ kind: 'email', value: email, userId }).commit(),
      uniqueClaim.create({ kind: 'username', value: username, userId }).commit(),
      user.create({ userId, email, username, fullName: input.fullName ?? '' }).commit(),
    ])
    .go();
  const rejected = rejectedItems(result);
  if (result.canceled) {
    await cognito.deleteUser(email);
    if (rejected.includes(0)) throw emailTaken();
    if (rejected.includes(1)) throw usernameTaken();
    throw new Error('Registration transaction cancelled');
  }
  await sendVerificationEmail(userId, email);
  return { userId, email, username, fullName: input.fullName ?? '', emailVerified: false };
}

/**
 * Creates the Cognito user. A Cognito user that already holds the email while no platform user
 * does (the email claim was checked) and that was never confirmed is a squat — a direct SignUp
 * from before self sign-up was disabled, or cognito-local, which does not enforce it — and is
 * replaced. A confirmed one may be a registration in flight (the platform confirms its users at
 * creation), so it stays: 409 as before.
 */
async function createCognitoUser(email: string, password: string): Promise<string> {
  try {
    return await cognito.createUser(email, password);
  } catch (error) {
    if ((error as Error).name !== 'UsernameExistsException') throw error;
    const existing = await cognito.findUser(email);
    if (existing?.status !== 'UNCONFIRMED' || (await getUser(userIdFromSub(existing.sub)))) throw error;
    logger.warn('Replacing an unconfirmed Cognito user without a platform user (email squatting)');
    await cognito.deleteUser(email);
    return cognito.createUser(email, password);
  }
}

/**
 * AWS only: every authenticated API method requires a usage-plan key, so a verified user's JWT
 * traffic gets its own API Gateway key on the tier's usage plan (the authorizer returns it as
 * `usageIdentifierKey`). Login heals a user whose binding failed at verification.
 */
async function bindUsagePlan(userId: string): Promise<void> {
  const user = await getUser(userId);
  if (!user || user.gatewayApiKeyId) return;
  const key = await createGatewayKey(`${userId}/jwt`, user.plan);
  if (!key) return;
  await db()
    .entities.user.patch({ userId })
    .set({ gatewayApiKeyId: key.id, gatewayApiKeyValue: key.value })
    .go();
}

async function sendVerificationEmail(userId: string, email: string): Promise<void> {
  // Capped per address (one per 60 s, 5 per hour): past it the caller still answers as usual.
  if (!(await mayIssueCode(email, 'verify-email'))) return;
  const code = await issueCode(userId, 'verify-email');
  await sendEmail({
    to: email,
    subject: 'Your SMSPROJ verification code',
    text: `Your SMSPROJ verification code is ${code}. It expires in 24 hours. If you did not sign up, ignore this email.`,
  });
}

export async function verifyEmail(email: string, code: string): Promise<void> {
  const userId = await findUserIdBy('email', email);
  const confirmed = await redeemCode(email, userId, 'verify-email', code, async () => {
    if (!userId) return;
    await cognito.confirmEmail(email);
    await db().entities.user.patch({ userId }).set({ emailVerified: true }).go();
    await bindUsagePlan(userId);
  });
  if (!confirmed)
    throw new InvalidInput('invalid_code', 'Invalid or expired code', {
      detail: 'The code is wrong, expired or was already used.',
    });
}

/** Always succeeds (202) so that the endpoint does not reveal which emails are registered. */
export async function resendVerification(email: string): Promise<void> {
  const userId = await findUserIdBy('email', email);
  if (!userId) return;
  const user = await getUser(userId);
  if (!user || user.emailVerified) return;
  await sendVerificationEmail(userId, email);
}

/** Login by email or username. Unknown user and wrong password give the same answer. */
export async function login(identifier: string, password: string): Promise<cognito.Tokens> {
  const kind = identifier.includes('@') ? 'email' : 'username';
  const userId = await findUserIdBy(kind, identifier);
  const user = userId ? await getUser(userId) : undefined;
  // An account being deleted is already gone for its owner (shared/accounts/deletion.ts).
  if (!user || user.status === 'deleting')
    throw new Unauthenticated('invalid_credentials', 'Invalid credentials', {
      detail: 'Wrong email, username or password.',
    });
  // Right after a reset or password change, tokens minted in its second would be rejected.
  await waitForValidityStart(user.tokensValidAfter);
  let tokens: cognito.Tokens;
  try {
    tokens = await cognito.passwordLogin(user.email, password);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'UserNotConfirmedException')
      throw new Forbidden('email_not_verified', 'Email not verified', {
        detail: 'Verify your email address first.',
      });
    if (name === 'NotAuthorizedException' || name === 'UserNotFoundException') {
      throw new Unauthenticated('invalid_credentials', 'Invalid credentials', {
        detail: 'Wrong email, username or password.',
      });
    }
    throw error;
  }
  if (!user.emailVerified)
    throw new Forbidden('email_not_verified', 'Email not verified', {
      detail: 'Verify your email address first.',
    });
  if (!user.gatewayApiKeyId) await bindUsagePlan(user.userId);
  await Promise.all([
    startSession(user.userId, tokens.accessToken, tokens.refreshToken),
    recordActivity(user.userId, 'login', 'Logged in'),
  ]);
  return tokens;
}

export async function refresh(refreshToken: string): Promise<cognito.Tokens> {
  const { data: revoked } = await db()
    .entities.revokedToken.get({ tokenId: refreshTokenId(refreshToken) })
    .go({ consistent: true });
  if (revoked)
    throw new Unauthenticated('unauthorized', 'Unauthorized', { detail: 'This refresh token was revoked.' });
  const issuedAtMs = await refreshTokenIssuedAt(refreshToken);
  try {
    const tokens = await cognito.refreshLogin(refreshToken);
    await rejectIfIssuedBeforeInvalidation(tokens.accessToken, issuedAtMs);
    await continueSession(refreshToken, tokens.accessToken);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn };
  } catch (error) {
    const name = (error as Error).name;
    if (
      name === 'NotAuthorizedException' ||
      name === 'UserNotFoundException' ||
      name === 'InvalidParameterException'
    ) {
      throw new Unauthenticated('unauthorized', 'Unauthorized', {
        detail: 'The refresh token is invalid or expired.',
      });
    }
    throw error;
  }
}

/**
 * No refresh token issued before the user's `tokensValidAfter` (a reset or password change)
 * works after it, including one obtained from Cognito directly. In AWS the global sign-out
 * already made Cognito refuse it; this check makes it hold wherever Cognito did not (e.g.
 * cognito-local). The issue time is the platform's session record, else the token's own `iat`,
 * else the refreshed access token's `auth_time` (Cognito keeps the original authentication time).
 */
async function rejectIfIssuedBeforeInvalidation(
  accessToken: string,
  issuedAtMs: number | undefined,
): Promise<void> {
  const claims = claimsOf(accessToken);
  if (!claims.sub)
    throw new Unauthenticated('unauthorized', 'Unauthorized', {
      detail: 'The refresh token is invalid or expired.',
    });
  const user = await getUser(userIdFromSub(claims.sub));
  if (user?.tokensValidAfter === undefined) return;
  const issuedAt = issuedAtMs ?? (typeof claims.auth_time === 'number' ? claims.auth_time * 1000 : undefined);
  if (issuedAt === undefined || issuedAt < user.tokensValidAfter * 1000) {
    throw new Unauthenticated('unauthorized', 'Unauthorized', {
      detail: 'This refresh token was issued before a password change or reset.',
    });
  }
}

/**
 * Logout: Cognito tokens stay cryptographically valid after sign-out, so the session's access
 * token id (and, in AWS, its origin_jti, shared by every token of the session) and the refresh
 * token go on the denylist the authorizer reads on every request, until they would expire.
 */
export async function logout(auth: AuthContext, refreshToken?: string): Promise<void> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const accessTtl = Math.max(auth.tokenExp ?? nowSeconds + 3600, nowSeconds + 60);
  const ids: Array<{ tokenId: string; ttl: number }> = [];
  if (auth.jti) ids.push({ tokenId: `at:${auth.jti}`, ttl: accessTtl });
  if (auth.originJti) ids.push({ tokenId: `oj:${auth.originJti}`, ttl: ttlIn(REFRESH_TOKEN_SECONDS) });
  if (refreshToken) ids.push({ tokenId: refreshTokenId(refreshToken), ttl: ttlIn(REFRESH_TOKEN_SECONDS) });
  if (ids.length > 0) await db().entities.revokedToken.put(ids).go();
  // The session's sockets close with it (before the answer, so well within 3 s).
  const sessionKey = await sessionKeyOf(auth);
  if (sessionKey) await closeSessionConnections(auth.userId, sessionKey);
  if (refreshToken) {
    await cognito.revokeRefreshToken(refreshToken).catch((error: Error) => {
      // The denylist already rejects the token; Cognito's own revocation is best effort.
      logger.warn('Cognito RevokeToken failed', { errorName: error.name });
    });
  }
}

/** Always 202: whether the email exists is not revealed. */
export async function forgotPassword(email: string): Promise<void> {
  const userId = await findUserIdBy('email', email);
  if (!userId) return;
  if (!(await mayIssueCode(email, 'reset-password'))) return;
  const code = await issueCode(userId, 'reset-password');
  await sendEmail({
    to: email,
    subject: 'Reset your SMSPROJ password',
    text: `Your SMSPROJ password reset code is ${code}. It expires in 1 hour. If you did not ask for it, ignore this email.`,
  });
}

export async function resetPassword(email: string, code: string, newPassword: string): Promise<void> {
  const userId = await findUserIdBy('email', email);
  const reset = await redeemCode(email, userId, 'reset-password', code, () =>
    cognito.setPassword(email, newPassword),
  );
  if (!userId || !reset) {
    throw new InvalidInput('invalid_code', 'Invalid or expired code', {
      detail: 'The code is wrong, expired or was already used.',
    });
  }
  // Every session from before the reset ends: the password may have been compromised.
  await db()
    .entities.user.patch({ userId })
    .set({ tokensValidAfter: validAfterNow() })
    .remove(['keepSessionId'])
    .go();
  await Promise.all([
    cognito.globalSignOut(email),
    revokeOtherSessions(userId, undefined),
    closeAllConnections(userId),
  ]);
}
