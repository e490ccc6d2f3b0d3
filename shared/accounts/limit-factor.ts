import type { UserItem } from './entities/user';

/**
 * The temporary-increase factor in force at `now` (1 without one). Kept dependency-free: the
 * authorizer imports it on every request's path.
 */
export function activeFactor(
  user: Pick<UserItem, 'limitFactor' | 'limitFactorExpiresAt'>,
  now = Date.now(),
): number {
  return user.limitFactor && user.limitFactorExpiresAt && user.limitFactorExpiresAt > now
    ? user.limitFactor
    : 1;
}
