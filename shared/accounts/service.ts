import { recordActivity } from '../activity/service';
import * as cognito from '../auth/cognito';
import { getUser, usernameTaken } from '../auth/users';
import { revokeOtherSessions, sessionOfAccessToken, validAfterNow } from '../auth/sessions';
import { closeAllConnections } from '../realtime/connections';
import { db } from '../auth/users-db';
import { rejectedItems } from '../platform/db/transactions';
import {
  Conflict,
  Forbidden,
  InvalidInput,
  NotFound,
  RateLimited,
  Unauthenticated,
} from '../platform/errors';
import type { AuthContext } from '../platform/http/route';

export interface Profile {
  readonly userId: string;
  readonly email: string;
  readonly username: string;
  readonly fullName: string;
  readonly emailVerified: boolean;
  readonly plan: string;
  readonly balanceCents: number;
  readonly createdAt: string;
}

export async function getProfile(userId: string): Promise<Profile> {
  const user = await getUser(userId);
  if (!user) throw new NotFound('No such user.');
  return {
    userId: user.userId,
    email: user.email,
    username: user.username,
    fullName: user.fullName,
    emailVerified: user.emailVerified,
    plan: user.plan,
    balanceCents: user.balanceCents,
    createdAt: user.createdAt,
  };
}

/**
 * Profile update. A username change moves the uniqueness claim in the same transaction as
 * the user item: the new claim must not exist, the old one must still be ours, and the user
 * must still carry the old name — so two concurrent renames cannot both win.
 */
export async function updateProfile(
  userId: string,
  input: { fullName?: string; username?: string },
): Promise<Profile> {
  const user = await getUser(userId);
  if (!user) throw new NotFound('No such user.');
  const changes = {
    ...(input.fullName !== undefined ? { fullName: input.fullName } : {}),
    ...(input.username !== undefined && input.username !== user.username ? { username: input.username } : {}),
  };
  if (changes.username === undefined) {
    if (changes.fullName !== undefined)
      await db().entities.user.patch({ userId }).set({ fullName: changes.fullName }).go();
    return getProfile(userId);
  }
  const newName = changes.username;
  const result = await db()
    .transaction.write(({ user: users, uniqueClaim }) => [
      uniqueClaim.create({ kind: 'username', value: newName, userId }).commit(),
      uniqueClaim
        .delete({ kind: 'username', value: user.username })
        .where((attr, op) => op.eq(attr.userId, userId))
        .commit(),
      users
        .patch({ userId })
        .set({ username: newName, ...(changes.fullName !== undefined ? { fullName: changes.fullName } : {}) })
        .where((attr, op) => op.eq(attr.username, user.username))
        .commit(),
    ])
    .go();
  if (result.canceled) {
    if (rejectedItems(result).includes(0)) throw usernameTaken();
    throw new Conflict('conflict', 'Conflict', { detail: 'The profile changed meanwhile; retry.' });
  }
  return getProfile(userId);
}

const bearer = (authorization: string | undefined) => /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];

/**
 * Password change through Cognito (which checks the current password). Afterwards every other
 * session is revoked: their refresh tokens are denylisted and their access tokens fail the
 * authorizer's `tokensValidAfter` check; the caller's own session is kept.
 */
export async function changePassword(
  auth: AuthContext,
  authorization: string | undefined,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const accessToken = bearer(authorization);
  if (!accessToken)
    throw new Unauthenticated('unauthorized', 'Unauthorized', { detail: 'A user session is required.' });
  try {
    await cognito.changePassword(accessToken, currentPassword, newPassword);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'NotAuthorizedException')
      throw new Forbidden('invalid_credentials', 'Invalid credentials', {
        detail: 'The current password is wrong.',
      });
    if (name === 'InvalidPasswordException') {
      throw new InvalidInput('validation_failed', 'Validation failed', {
        detail: 'The new password does not meet the password policy.',
        errors: [{ path: 'body.newPassword', message: 'Password does not meet the policy.' }],
      });
    }
    if (name === 'LimitExceededException' || name === 'TooManyRequestsException') {
      throw new RateLimited('rate_limited', 'Too many attempts', { retryAfterSeconds: 60 });
    }
    throw error;
  }
  // The caller's access token keeps working until it expires (its session is `keepSessionId`);
  // every refresh token issued before, the caller's included, ends (../shared/API.md v1.1).
  const keep = auth.jti ? await sessionOfAccessToken(auth.jti) : undefined;
  const user = await db()
    .entities.user.patch({ userId: auth.userId })
    .set({ tokensValidAfter: validAfterNow(), ...(keep ? { keepSessionId: keep } : {}) })
    .go({ response: 'all_new' });
  await Promise.all([
    cognito.globalSignOut(user.data.email),
    revokeOtherSessions(auth.userId, undefined),
    closeAllConnections(auth.userId),
  ]);
  await recordActivity(auth.userId, 'password', 'Password changed; other sessions signed out');
}
