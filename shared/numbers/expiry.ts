import { bestEffort } from '../platform/best-effort';
import { conflicted, rejectedItems } from '../platform/db/transactions';
import { logger } from '../platform/observability/logger';
import { addDays } from './dates';
import { db } from './db';
import type { OwnedNumberItem } from './entities/owned-number';
import { releaseIfProvisioned } from './on-demand';

/**
 * The end of a number's subscription, without the notices (./renewals.ts sends those): account
 * deletion ends numbers through here, so its job loads no email client.
 */

/** Expired and cancelled numbers are held back this long before they are sold again. */
export const QUARANTINE_DAYS = 30;

export type EndReason = 'insufficient_funds' | 'not_renewed' | 'account_deleted';

/**
 * Ends a number in one transaction: the subscription becomes `expired` (conditional on the
 * status and renewsAt read), the user's number count drops, and the inventory item goes into
 * quarantine until now + QUARANTINE_DAYS.
 */
export async function endSubscription(item: OwnedNumberItem, now: Date, reason: EndReason): Promise<number> {
  const { userId, phoneNumber } = item;
  const quarantinedUntil = addDays(now, QUARANTINE_DAYS).toISOString();
  const run = (withInventory: boolean) =>
    db()
      .transaction.write((tx) => [
        tx.ownedNumber
          .patch({ userId, phoneNumber })
          .set({ status: 'expired', expiredAt: now.toISOString() })
          .remove(['nextActionAt'])
          .where(
            (attr, op) => `${op.eq(attr.status, item.status)} AND ${op.eq(attr.renewsAt, item.renewsAt)}`,
          )
          .commit(),
        tx.ownedNumberCount.update({ userId }).add({ active: -1 }).commit(),
        ...(withInventory
          ? [
              tx.inventoryNumber
                .patch({ phoneNumber })
                .set({ status: 'quarantined', quarantinedUntil })
                .where((attr, op) => `${op.eq(attr.status, 'sold')} AND ${op.eq(attr.ownerId, userId)}`)
                .commit(),
            ]
          : []),
      ])
      .go();
  let result = await run(true);
  if (result.canceled && !rejectedItems(result).includes(0) && rejectedItems(result).includes(2)) {
    // The inventory no longer holds this number for the user (retired by hand): expire it anyway.
    logger.warn('Expiring a number the inventory does not hold for its owner', { phoneNumber });
    result = await run(false);
  }
  if (result.canceled) {
    if (rejectedItems(result).includes(0) || conflicted(result)) return 0;
    throw new Error('Expiry transaction cancelled');
  }
  logger.info('Number expired', { phoneNumber, reason, quarantinedUntil });
  await bestEffort('carrier release', () => releaseIfProvisioned(phoneNumber));
  return 1;
}

/**
 * Account deletion: an active or cancelled number ends now, without notice, and goes into
 * quarantine like any expired number. Returns 0 when it already ended.
 */
export const releaseNumberNow = (item: OwnedNumberItem, now: Date): Promise<number> =>
  item.status === 'expired' ? Promise.resolve(0) : endSubscription(item, now, 'account_deleted');
