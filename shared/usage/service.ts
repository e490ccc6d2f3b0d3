import { UPGRADE_HREF } from '../accounts/dashboard-links';
import { warnOnThresholdCrossing } from '../accounts/usage-warnings';
import { type DomainError, RateLimited } from '../platform/errors';
import { logger } from '../platform/observability/logger';
import { isConditionalFailure } from '../platform/db/errors';
import { db } from './db';

export const METRICS = [
  'smsSent',
  'smsReceived',
  'verifications',
  'apiRequests',
  'errors',
  'spendCents',
] as const;
export type Metric = (typeof METRICS)[number];

export const monthBucket = (at: Date = new Date()) => `month#${at.toISOString().slice(0, 7)}`;
export const dayBucket = (at: Date = new Date()) => `day#${at.toISOString().slice(0, 10)}`;

/** First instant of the next calendar month (UTC): when monthly quotas reset. */
export function periodEnd(at: Date = new Date()): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}
export function periodStart(at: Date = new Date()): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/**
 * Counts usage: the month row and the day row (and the key's day row) with atomic ADD, so
 * concurrent requests never lose an increment. Three small writes, issued in parallel.
 */
export async function recordUsage(
  userId: string,
  metric: Metric,
  amount = 1,
  options: { keyId?: string; at?: Date } = {},
): Promise<void> {
  const at = options.at ?? new Date();
  await addToCounters(userId, [monthBucket(at), ...dayBuckets(at, options.keyId)], metric, amount);
}

/** The day row and, for API-key traffic, the key's day row. */
export const dayBuckets = (at: Date, keyId?: string): string[] => [
  dayBucket(at),
  ...(keyId ? [`${dayBucket(at)}#key#${keyId}`] : []),
];

/** Atomic ADD of `amount` (negative to give back) to `metric` in each bucket, in parallel. */
async function addToCounters(
  userId: string,
  buckets: readonly string[],
  metric: Metric,
  amount: number,
): Promise<void> {
  const counters = db().entities.usageCounter;
  await Promise.all(
    buckets.map((bucket) =>
      counters
        .update({ userId, bucket })
        .add({ [metric]: amount })
        .go(),
    ),
  );
}

export interface QuotaExceededDetails {
  readonly metric: Metric;
  readonly limit: number;
  readonly now?: Date;
}

/** 429 `rate_limited` for a monthly quota: Retry-After runs to the period end, with the upgrade path. */
export function quotaExceeded({ metric, limit, now = new Date() }: QuotaExceededDetails): DomainError {
  const retryAfter = Math.max(1, Math.ceil((periodEnd(now).getTime() - now.getTime()) / 1000));
  return new RateLimited('rate_limited', 'Monthly quota reached', {
    detail: `The plan allows ${limit} ${metric} per month. Upgrade the plan or wait for the next period.`,
    retryAfterSeconds: retryAfter,
    extensions: {
      retryAfter,
      limit,
      metric,
      upgrade: { href: UPGRADE_HREF },
      temporaryIncrease: { eligible: true, href: '/v1/me/limits/temporary-increase' },
    },
  });
}

/**
 * Takes `amount` from a monthly quota atomically: the month row's counter is incremented only
 * if it stays within `limit` (a conditional ADD), otherwise 429. The day rows follow. Call
 * `releaseQuota` if the operation that consumed the quota then fails.
 */
export async function consumeQuota(
  userId: string,
  metric: Metric,
  limit: number,
  options: { amount?: number; keyId?: string; at?: Date } = {},
): Promise<void> {
  const amount = options.amount ?? 1;
  const at = options.at ?? new Date();
  const counters = db().entities.usageCounter;
  let after: number;
  try {
    const { data } = await counters
      .update({ userId, bucket: monthBucket(at) })
      .add({ [metric]: amount })
      .where((attr, op) => `${op.notExists(attr[metric])} OR ${op.lte(attr[metric], limit - amount)}`)
      .go({ response: 'updated_new' });
    after = Number(data[metric] ?? amount);
  } catch (error) {
    if (isConditionalFailure(error)) throw quotaExceeded({ metric, limit, now: at });
    throw error;
  }
  if (metric === 'smsSent' || metric === 'verifications') {
    // A courtesy: a failed notification must not fail (or retry) the metered operation.
    await warnOnThresholdCrossing(userId, metric, after - amount, after, limit).catch((error: Error) =>
      logger.warn('usage warning notification failed', { userId, metric, error }),
    );
  }
  await addToCounters(userId, dayBuckets(at, options.keyId), metric, amount);
}

/** Gives back quota taken by `consumeQuota` for an operation that did not happen. */
export async function releaseQuota(
  userId: string,
  metric: Metric,
  options: { amount?: number; keyId?: string; at?: Date } = {},
): Promise<void> {
  const at = options.at ?? new Date();
  await addToCounters(
    userId,
    [monthBucket(at), ...dayBuckets(at, options.keyId)],
    metric,
    -(options.amount ?? 1),
  );
}

export async function monthUsage(userId: string, at: Date = new Date()): Promise<Record<Metric, number>> {
  const { data } = await db()
    .entities.usageCounter.get({ userId, bucket: monthBucket(at) })
    .go();
  return Object.fromEntries(METRICS.map((m) => [m, data?.[m] ?? 0])) as Record<Metric, number>;
}
