import * as z from '../platform/zod';
import { recordActivity } from '../activity/service';
import { chargeWrites, isInsufficientFunds, recordSpend } from '../billing/service';
import { isConditionalFailure } from '../platform/db/errors';
import { db } from './db';
import { conflicted, rejectedItems } from '../platform/db/transactions';
import type { JobResult } from '../platform/jobs/registry';
import { logger } from '../platform/observability/logger';
import { addMonths } from './dates';
import type { OwnedNumberItem } from './entities/owned-number';
import { releaseQuarantinedNumbers } from './inventory';
import { expiredNotice, notifyNumberOwner, renewalNotice, renewedNotice } from './notices';
import { bestEffort } from '../platform/best-effort';
import { endSubscription } from './expiry';
import { DUE_SHARDS, nextActionFor } from './service';

/**
 * The `renew-numbers` job (EventBridge `rate(1 hour)` in AWS, the local scheduler and
 * `/dev/jobs/renew-numbers/run` locally). Per run:
 *  1. For each `byDue` shard, one Query for owned numbers with `nextActionAt <= now`; only those
 *     are read, so the cost follows the numbers due, not the numbers held.
 *  2. Each due number gets exactly one of: the renewal notice (7 days ahead, once per period),
 *     a renewal (charge + one more month), or expiry into quarantine. Every step is a write
 *     conditional on the `renewsAt` (and status) the run read, so a second run, a concurrent
 *     run or a user's DELETE in between cannot make it happen twice.
 *  3. Quarantined numbers whose quarantine is over return to the marketplace.
 */

/**
 * At most this many due numbers (and as many quarantine releases) per run: the largest batch
 * the job's Lambda timeout and memory are sized for (shared/platform/jobs/registry.ts). Whatever is left
 * stays due in the index and is taken by the next run.
 */
export const RENEWAL_BATCH = 250;
/** Items read per Query request while filling a batch. */
const PAGE = 100;

export const renewJobEvent = /* @__PURE__ */ z.object({
  /** Run as if the clock read this (dev endpoint, tests). */
  now: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.iso.datetime({ offset: true })),
  /**
   * Only these users' numbers (local dev endpoint `/dev/numbers/renewals/run`, used by tests so
   * that moving the clock for one test does not renew or expire every other test's numbers).
   */
  userIds: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .array(z.string().check(z.minLength(1), z.maxLength(100)))
      .check(/* @__PURE__ */ z.maxLength(100)),
  ),
});
export type RenewJobEvent = z.infer<typeof renewJobEvent>;

export async function runRenewalJob(event: unknown): Promise<JobResult> {
  const parsed = renewJobEvent.parse(event ?? {});
  const now = parsed.now ? new Date(parsed.now) : new Date();
  return runRenewals(now, parsed.userIds ? { userIds: parsed.userIds } : {});
}

export async function runRenewals(
  now: Date,
  scope: { userIds?: readonly string[]; batch?: number } = {},
): Promise<JobResult> {
  const inScope = (userId: string | undefined) =>
    !scope.userIds || (userId !== undefined && scope.userIds.includes(userId));
  const batch = scope.batch ?? RENEWAL_BATCH;
  let taken = 0;
  let processed = 0;
  let more = false;
  for (let shard = 0; shard < DUE_SHARDS && !more; shard += 1) {
    // Oldest due first, a page at a time, until the batch is full.
    let cursor: string | null = null;
    do {
      const page: { data: OwnedNumberItem[]; cursor: string | null } = await db()
        .entities.ownedNumber.query.byDue({ dueShard: String(shard) })
        .lte({ nextActionAt: now.toISOString() })
        .go({ cursor, limit: PAGE });
      for (const item of page.data) {
        if (!inScope(item.userId)) continue;
        if (taken >= batch) {
          more = true;
          break;
        }
        taken += 1;
        processed += await processDueNumber(item, now);
      }
      cursor = page.cursor;
    } while (cursor && !more);
  }
  const released = await releaseQuarantinedNumbers(now, inScope, batch);
  processed += released.released;
  more ||= released.more;
  if (processed > 0) logger.info('Renewal job run', { processed, more, now: now.toISOString() });
  return { processed, ...(more ? { more } : {}) };
}

/** Handles one due number; returns 1 when this run changed it, 0 when there was nothing (left) to do. */
export async function processDueNumber(item: OwnedNumberItem, now: Date): Promise<number> {
  if (item.status === 'expired') return 0;
  if (now.getTime() < Date.parse(item.renewsAt)) {
    return item.status === 'active' ? sendRenewalNotice(item) : 0;
  }
  if (item.status === 'active' && item.autoRenew) return renew(item, now);
  return expire(item, now, 'not_renewed');
}

async function sendRenewalNotice(item: OwnedNumberItem): Promise<number> {
  const { userId, phoneNumber, renewsAt } = item;
  try {
    await db()
      .entities.ownedNumber.patch({ userId, phoneNumber })
      .set({ noticeSentFor: renewsAt, nextActionAt: renewsAt })
      .where(
        (attr, op) =>
          `${op.eq(attr.status, 'active')} AND ${op.eq(attr.renewsAt, renewsAt)} AND (${op.notExists(attr.noticeSentFor)} OR ${op.ne(attr.noticeSentFor, renewsAt)})`,
      )
      .go();
  } catch (error) {
    if (isConditionalFailure(error)) return 0;
    throw error;
  }
  // The notice is claimed (at most once per period); delivering it is best effort.
  await bestEffort('renewal notice', () =>
    notifyNumberOwner(
      userId,
      renewalNotice({
        phoneNumber,
        renewsAt,
        autoRenew: item.autoRenew,
        monthlyPriceCents: item.monthlyPriceCents,
      }),
    ),
  );
  return 1;
}

async function renew(item: OwnedNumberItem, now: Date): Promise<number> {
  const { userId, phoneNumber } = item;
  const renewsAt = addMonths(new Date(item.purchasedAt), item.renewals + 2).toISOString();
  const result = await db()
    .transaction.write((tx) => [
      tx.ownedNumber
        .patch({ userId, phoneNumber })
        .set({
          renewals: item.renewals + 1,
          periodStart: item.renewsAt,
          renewsAt,
          smsSent: 0,
          smsReceived: 0,
          nextActionAt: nextActionFor(new Date(renewsAt), false),
        })
        .where(
          (attr, op) =>
            `${op.eq(attr.status, 'active')} AND ${op.eq(attr.renewsAt, item.renewsAt)} AND ${op.eq(attr.autoRenew, true)}`,
        )
        .commit(),
      ...chargeWrites(tx, {
        userId,
        amountCents: item.monthlyPriceCents,
        ref: phoneNumber,
        description: `Phone number ${phoneNumber}: renewal until ${renewsAt.slice(0, 10)}`,
        at: now,
      }),
    ])
    .go();
  if (result.canceled) {
    if (rejectedItems(result).includes(0)) return 0;
    if (isInsufficientFunds(result, 1)) return expire(item, now, 'insufficient_funds');
    if (conflicted(result)) return 0;
    throw new Error('Renewal transaction cancelled');
  }
  await bestEffort('renewal bookkeeping', () =>
    Promise.all([
      recordSpend(userId, item.monthlyPriceCents, now),
      recordActivity(userId, 'renewal', `Renewed phone number ${phoneNumber}`, phoneNumber, now),
      notifyNumberOwner(userId, renewedNotice(phoneNumber, renewsAt, item.monthlyPriceCents)),
    ]),
  );
  return 1;
}

/** Expires a number (./expiry.ts), then tells its owner why. */
async function expire(
  item: OwnedNumberItem,
  now: Date,
  reason: 'insufficient_funds' | 'not_renewed',
): Promise<number> {
  if ((await endSubscription(item, now, reason)) === 0) return 0;
  const { userId, phoneNumber } = item;
  await bestEffort('expiry notice', () =>
    Promise.all([
      recordActivity(userId, 'renewal', `Phone number ${phoneNumber} expired`, phoneNumber, now),
      notifyNumberOwner(userId, expiredNotice(phoneNumber, reason)),
    ]),
  );
  return 1;
}
