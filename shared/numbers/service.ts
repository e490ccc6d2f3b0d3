import { createHash } from 'node:crypto';
import { sleep } from '../platform/async';
import { bestEffort } from '../platform/best-effort';
import { getOwned } from './ownership';
import { effectiveLimits } from '../accounts/limits';
import { recordActivity } from '../activity/service';
import { getUser } from '../auth/users';
import { chargeWrites, insufficientFunds, isInsufficientFunds, recordSpend } from '../billing/service';
import { isConditionalFailure } from '../platform/db/errors';
import { db } from './db';
import { conflicted, rejectedItems } from '../platform/db/transactions';
import { NotFound } from '../platform/errors';
import { logger } from '../platform/observability/logger';
import { decodeCursor, encodeCursor, partitionOf } from './cursor';
import { addDays, addMonths } from './dates';
import type { Capability, NumberType } from './entities/inventory-number';
import type { OwnedNumberItem, OwnedStatus } from './entities/owned-number';
import {
  NumberCancelled,
  NumberExpired,
  NumberLimitReached,
  NumberUnavailable,
  PurchaseBusy,
} from './errors';
import { getInventoryNumber, orderedCapabilities, type Page } from './inventory';

/**
 * Owned numbers: purchase, the owner's view, autoRenew, cancellation, and the ownership checks
 * SMS sending and inbound routing rely on. Renewals and expiry live in ./renewals.ts.
 */

/** How long before `renewsAt` the renewal notice goes out. */
export const NOTICE_DAYS = 7;
/** Partitions of the `byDue` index; the renewal job queries each. */
export const DUE_SHARDS = 4;

export const dueShardOf = (phoneNumber: string): string =>
  String(createHash('sha256').update(phoneNumber).digest()[0]! % DUE_SHARDS);

/** When the renewal job next needs to look at an active number: the notice, or renewsAt itself. */
export function nextActionFor(renewsAt: Date, noticeSent: boolean): string {
  return (noticeSent ? renewsAt : addDays(renewsAt, -NOTICE_DAYS)).toISOString();
}

export interface OwnedNumberView {
  readonly phoneNumber: string;
  readonly country: string;
  readonly region?: string;
  readonly type: NumberType;
  readonly capabilities: Capability[];
  readonly status: OwnedStatus;
  readonly autoRenew: boolean;
  readonly purchasedAt: string;
  /** Next renewal; for a cancelled number, the end of its last period. */
  readonly renewsAt: string;
  readonly monthlyPriceCents: number;
  readonly usage: { readonly smsSent: number; readonly smsReceived: number; readonly periodStart: string };
  readonly cancelledAt?: string;
  readonly expiredAt?: string;
}

export function toOwnedView(item: OwnedNumberItem): OwnedNumberView {
  return {
    phoneNumber: item.phoneNumber,
    country: item.country,
    ...(item.region ? { region: item.region } : {}),
    type: item.type,
    capabilities: orderedCapabilities(item.capabilities),
    status: item.status,
    autoRenew: item.autoRenew,
    purchasedAt: item.purchasedAt,
    renewsAt: item.renewsAt,
    monthlyPriceCents: item.monthlyPriceCents,
    usage: { smsSent: item.smsSent, smsReceived: item.smsReceived, periodStart: item.periodStart },
    ...(item.cancelledAt ? { cancelledAt: item.cancelledAt } : {}),
    ...(item.expiredAt ? { expiredAt: item.expiredAt } : {}),
  };
}

const MAX_PURCHASE_ATTEMPTS = 6;

/**
 * Buys an available number in ONE transaction:
 *  [0] inventory: available -> sold (conditional on still available at the listed price),
 *  [1] the user's number count +1 (conditional on staying within the plan's limit),
 *  [2] the owned-number item, renewsAt = now + 1 month (conditional on no live subscription),
 *  [3] balance -= setup + first month (conditional on sufficient funds), [4] its ledger entry.
 * Exactly one of several concurrent buyers commits; the others get 409 number_unavailable.
 * Transactions cancelled only by a concurrent transaction (TransactionConflict) are retried.
 */
export async function purchaseNumber(input: {
  userId: string;
  phoneNumber: string;
  autoRenew?: boolean;
  now?: Date;
}): Promise<OwnedNumberView> {
  const { userId, phoneNumber } = input;
  const now = input.now ?? new Date();
  const [number, user] = await Promise.all([getInventoryNumber(phoneNumber), getUser(userId)]);
  if (!user) throw new NotFound('No such user.');
  if (number?.status !== 'available') throw new NumberUnavailable();

  const limit = effectiveLimits(user, now.getTime()).numbers;
  const totalCents = number.setupPriceCents + number.monthlyPriceCents;
  const renewsAt = addMonths(now, 1);
  const owned = {
    userId,
    phoneNumber,
    country: number.country,
    type: number.type,
    capabilities: [...number.capabilities],
    status: 'active' as const,
    autoRenew: input.autoRenew ?? true,
    monthlyPriceCents: number.monthlyPriceCents,
    purchasedAt: now.toISOString(),
    renewals: 0,
    periodStart: now.toISOString(),
    renewsAt: renewsAt.toISOString(),
    smsSent: 0,
    smsReceived: 0,
    dueShard: dueShardOf(phoneNumber),
    nextActionAt: nextActionFor(renewsAt, false),
    ...(number.region ? { region: number.region } : {}),
  };

  for (let attempt = 1; ; attempt += 1) {
    const result = await db()
      .transaction.write((tx) => [
        tx.inventoryNumber
          .patch({ phoneNumber })
          .set({ status: 'sold', ownerId: userId, soldAt: now.toISOString() })
          .where(
            (attr, op) =>
              `${op.eq(attr.status, 'available')} AND ${op.eq(attr.monthlyPriceCents, number.monthlyPriceCents)} AND ${op.eq(attr.setupPriceCents, number.setupPriceCents)}`,
          )
          .commit(),
        tx.ownedNumberCount
          .update({ userId })
          .add({ active: 1 })
          .where((attr, op) => `${op.notExists(attr.active)} OR ${op.lt(attr.active, limit)}`)
          .commit(),
        tx.ownedNumber
          .put(owned)
          .where((attr, op) => `${op.notExists(attr.status)} OR ${op.eq(attr.status, 'expired')}`)
          .commit(),
        ...chargeWrites(tx, {
          userId,
          amountCents: totalCents,
          ref: phoneNumber,
          description: `Phone number ${phoneNumber}: setup and first month`,
          at: now,
        }),
      ])
      .go();
    if (!result.canceled) break;
    const rejected = rejectedItems(result);
    if (rejected.includes(0) || rejected.includes(2)) throw new NumberUnavailable();
    if (rejected.includes(1)) throw new NumberLimitReached(limit);
    if (isInsufficientFunds(result, 3)) throw insufficientFunds();
    if (!conflicted(result)) throw new Error('Purchase transaction cancelled');
    if (attempt >= MAX_PURCHASE_ATTEMPTS) {
      if ((await getInventoryNumber(phoneNumber))?.status !== 'available') throw new NumberUnavailable();
      throw new PurchaseBusy();
    }
    await sleep(20 * attempt + Math.floor(Math.random() * 40));
  }

  await bestEffort('purchase bookkeeping', () =>
    Promise.all([
      recordSpend(userId, totalCents, now),
      recordActivity(userId, 'purchase', `Bought phone number ${phoneNumber}`, phoneNumber, now),
    ]),
  );
  logger.info('Number purchased', { phoneNumber, totalCents });
  return toOwnedView({ ...owned, updatedAt: now.toISOString() });
}

/** The caller's number; another user's number (or an unknown one) is 404. */
export async function getOwnedNumber(userId: string, phoneNumber: string): Promise<OwnedNumberView> {
  const item = await getOwned(userId, phoneNumber);
  if (!item) throw new NotFound('No such number.');
  return toOwnedView(item);
}

/** The caller's numbers (active, cancelled and expired), in number order. */
export async function listOwnedNumbers(
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<OwnedNumberView>> {
  const query = db().entities.ownedNumber.query.primary({ userId });
  const cursor = decodeCursor('owned', page.cursor, partitionOf(query.params()));
  const { data, cursor: next } = await query.go({ count: page.limit, cursor });
  return { items: data.map(toOwnedView), nextCursor: encodeCursor('owned', next) };
}

/** Turns auto-renewal on or off for an active number (409 for cancelled or expired ones). */
export async function updateOwnedNumber(
  userId: string,
  phoneNumber: string,
  changes: { autoRenew: boolean },
): Promise<OwnedNumberView> {
  const item = await getOwned(userId, phoneNumber);
  if (!item) throw new NotFound('No such number.');
  if (item.status === 'expired') throw new NumberExpired();
  if (item.status === 'cancelled') throw new NumberCancelled();
  try {
    const { data } = await db()
      .entities.ownedNumber.patch({ userId, phoneNumber })
      .set({ autoRenew: changes.autoRenew })
      .where((attr, op) => op.eq(attr.status, 'active'))
      .go({ response: 'all_new' });
    return toOwnedView(data as OwnedNumberItem);
  } catch (error) {
    if (isConditionalFailure(error)) return getOwnedNumber(userId, phoneNumber);
    throw error;
  }
}

/**
 * Cancels a number: no further renewals, usable until `renewsAt`, then the renewal job expires
 * it into quarantine. Cancelling a cancelled number answers the same; an expired one is 409.
 */
export async function cancelOwnedNumber(
  userId: string,
  phoneNumber: string,
  now: Date = new Date(),
): Promise<{ status: 'cancelled'; renewsAt: string }> {
  const item = await getOwned(userId, phoneNumber);
  if (!item) throw new NotFound('No such number.');
  if (item.status === 'expired') throw new NumberExpired();
  if (item.status === 'cancelled') return { status: 'cancelled', renewsAt: item.renewsAt };
  try {
    await db()
      .entities.ownedNumber.patch({ userId, phoneNumber })
      .set({ status: 'cancelled', cancelledAt: now.toISOString(), nextActionAt: item.renewsAt })
      .where((attr, op) => `${op.eq(attr.status, 'active')} AND ${op.eq(attr.renewsAt, item.renewsAt)}`)
      .go();
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
    // Raced with the renewal job or a parallel DELETE: answer from the item as it is now.
    const current = await getOwned(userId, phoneNumber);
    if (current?.status === 'expired') throw new NumberExpired();
    if (current?.status === 'active') return cancelOwnedNumber(userId, phoneNumber, now);
  }
  await bestEffort('cancel activity', () =>
    recordActivity(userId, 'purchase', `Cancelled phone number ${phoneNumber}`, phoneNumber, now),
  );
  return { status: 'cancelled', renewsAt: item.renewsAt };
}

/** Numbers counting against the plan's limit (active, or cancelled and not yet expired). */
export async function countActiveNumbers(userId: string): Promise<number> {
  const { data } = await db().entities.ownedNumberCount.get({ userId }).go({ consistent: true });
  return data?.active ?? 0;
}
