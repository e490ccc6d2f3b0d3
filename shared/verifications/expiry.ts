import { db } from './db';
import { logger } from '../platform/observability/logger';
import type { VerificationItem } from './entities/verification';
import { notifyExpired, pushUpdate, recordVerificationActivity } from './notify';
import { applyTransition } from './transitions';
import { EXPIRY_SHARDS } from './views';

/**
 * The expiry job: requests whose `expiresAt` has passed. It reads only what is due: per shard,
 * one Query on the sparse `byStatusExpiry` index (`vexp#<shard>`, `expiresAt <= now`), which
 * holds pending and received requests only. Each one is moved on by the same conditional
 * transaction as an API call (pending → expired with refund, received → completed), so a run
 * racing a cancel, an SMS or another run changes each request at most once. Cost: one Query
 * page per shard plus one transaction per due request.
 */
/**
 * Bounded batches: at most this many due requests per shard per run (the job's 50 s timeout
 * fits 4 × 500 transitions, 8 at a time). Whatever is left is still listed by the index and is
 * taken by the next run, a minute later.
 */
export const MAX_PER_SHARD_PER_RUN = 500;
const CONCURRENCY = 8;

export interface ExpiryRun {
  readonly processed: number;
  readonly expired: number;
  readonly completed: number;
}

async function dueIn(shard: number, now: Date, batch: number): Promise<VerificationItem[]> {
  const { data } = await db()
    .entities.verification.query.byStatusExpiry({ expiryShard: String(shard) })
    .lte({ expiresAt: now.toISOString() })
    .go({ count: batch });
  return data;
}

/** One due request; a failure is logged and left for the next run (the index still lists it). */
async function expireOne(due: VerificationItem, now: Date): Promise<VerificationItem | undefined> {
  if (Date.parse(due.expiresAt) > now.getTime()) return undefined;
  let item: VerificationItem | undefined;
  try {
    item = await applyTransition(due.verificationId, 'expire', { now, quiet: true, first: due });
  } catch (error) {
    logger.error('Verification expiry failed; retried next run', {
      verificationId: due.verificationId,
      error: error as Error,
    });
    return undefined;
  }
  if (!item) return undefined;
  await Promise.all([
    pushUpdate(item),
    recordVerificationActivity(item),
    item.status === 'expired' ? notifyExpired(item) : undefined,
  ]);
  return item;
}

export async function expireDueVerifications(
  now: Date = new Date(),
  perShard: number = MAX_PER_SHARD_PER_RUN,
): Promise<ExpiryRun> {
  const shards = Array.from({ length: EXPIRY_SHARDS }, (_, shard) => shard);
  const due = (await Promise.all(shards.map((shard) => dueIn(shard, now, perShard)))).flat();
  let expired = 0;
  let completed = 0;
  for (let i = 0; i < due.length; i += CONCURRENCY) {
    const done = await Promise.all(due.slice(i, i + CONCURRENCY).map((item) => expireOne(item, now)));
    for (const item of done) {
      if (item?.status === 'expired') expired++;
      if (item?.status === 'completed') completed++;
    }
  }
  return { processed: expired + completed, expired, completed };
}
