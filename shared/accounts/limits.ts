import { ulid } from 'ulid';
import { recordActivity } from '../activity/service';
import { Conflict, Forbidden, NotFound } from '../platform/errors';
import { getUser } from '../auth/users';
import { db } from './limits-db';
import type { UserItem } from './entities/user';
import { activeFactor } from './limit-factor';
import { type PlanLimits, planOf } from './plans';

/** A temporary increase doubles every limit for 24 hours (one active at a time). */
export const TEMPORARY_INCREASE = { factor: 2, hours: 24, everyDays: 7 } as const;

/** The plan's limits with any active temporary increase applied: what every check enforces. */
export function effectiveLimits(
  user: Pick<UserItem, 'plan' | 'limitFactor' | 'limitFactorExpiresAt'>,
  now = Date.now(),
): PlanLimits {
  const base = planOf(user.plan).limits;
  const factor = activeFactor(user, now);
  if (factor === 1) return base;
  return {
    smsPerMonth: Math.floor(base.smsPerMonth * factor),
    verificationsPerMonth: Math.floor(base.verificationsPerMonth * factor),
    numbers: Math.floor(base.numbers * factor),
    requestsPerSecond: Math.floor(base.requestsPerSecond * factor),
    burst: Math.floor(base.burst * factor),
    activeVerifications: Math.floor(base.activeVerifications * factor),
  };
}

export async function limitsOf(userId: string): Promise<PlanLimits> {
  const user = await getUser(userId);
  if (!user) throw new NotFound('No such user.');
  return effectiveLimits(user);
}

/**
 * Grants a temporary increase to a user with a verified email, at most once per 7 days. The
 * user item carries the factor (so the authorizer sees it with no extra read); the condition
 * "the last increase was granted at least 7 days ago" (its expiry is grant + 24 h, so no active
 * one either) and the ledger entry are in one transaction, so two concurrent requests cannot
 * both win. 409 temporary_increase_active while one runs, temporary_increase_unavailable after.
 */
export async function requestTemporaryIncrease(
  userId: string,
  reason: string,
  now = Date.now(),
): Promise<{ factor: number; expiresAt: string }> {
  const user = await getUser(userId);
  if (!user) throw new NotFound('No such user.');
  if (!user.emailVerified)
    throw new Forbidden('not_eligible', 'Not eligible', {
      detail: 'Verify your email address to request a temporary increase.',
    });
  const expiresAtMs = now + TEMPORARY_INCREASE.hours * 3600_000;
  const expiresAt = new Date(expiresAtMs).toISOString();
  const periodMs = TEMPORARY_INCREASE.everyDays * 24 * 3600_000;
  // An increase granted at g expires at g + 24 h: granted before now - 7 d ⇔ expired before this.
  const lastMayExpireBy = now - periodMs + TEMPORARY_INCREASE.hours * 3600_000;
  const result = await db()
    .transaction.write(({ user: users, limitChange }) => [
      users
        .patch({ userId })
        .set({ limitFactor: TEMPORARY_INCREASE.factor, limitFactorExpiresAt: expiresAtMs })
        .where(
          (attr, op) =>
            `${op.notExists(attr.limitFactorExpiresAt)} OR ${op.lte(attr.limitFactorExpiresAt, lastMayExpireBy)}`,
        )
        .commit(),
      limitChange
        .create({
          userId,
          changeId: ulid(now),
          type: 'temporary_increase',
          factor: TEMPORARY_INCREASE.factor,
          reason,
          expiresAt,
          at: new Date(now).toISOString(),
        })
        .commit(),
    ])
    .go();
  if (result.canceled && (user.limitFactorExpiresAt ?? 0) <= now) {
    const lastExpiry = user.limitFactorExpiresAt ?? now;
    throw new Conflict('temporary_increase_unavailable', 'Temporary increase unavailable', {
      detail: `A temporary increase can be taken once per ${TEMPORARY_INCREASE.everyDays} days.`,
      extensions: {
        availableAt: new Date(lastExpiry - TEMPORARY_INCREASE.hours * 3600_000 + periodMs).toISOString(),
      },
    });
  }
  if (result.canceled) {
    throw new Conflict('temporary_increase_active', 'Temporary increase already active', {
      detail: 'Only one temporary increase can be active at a time.',
      extensions: { expiresAt: new Date(user.limitFactorExpiresAt ?? now).toISOString() },
    });
  }
  await recordActivity(
    userId,
    'plan',
    `Temporary ${TEMPORARY_INCREASE.factor}x limit increase until ${expiresAt}`,
  );
  return { factor: TEMPORARY_INCREASE.factor, expiresAt };
}
