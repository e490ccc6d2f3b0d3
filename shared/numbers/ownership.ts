import { isConditionalFailure } from '../platform/db/errors';
import type { OwnedNumberItem } from './entities/owned-number';
import { getInventoryNumber } from './inventory';
import { db } from './ownership-db';

/**
 * What the other contexts ask of numbers: may a user send from this number, who receives SMS
 * sent to it, and counting its usage. Over ./ownership-db.ts and ./inventory.ts (one entity each), so the chat and SMS
 * paths do not load the marketplace and purchase code's data module (./db.ts).
 */

/** The user's subscription to a number (strongly consistent: a number bought a moment ago counts). */
export async function getOwned(userId: string, phoneNumber: string): Promise<OwnedNumberItem | undefined> {
  const { data } = await db().entities.ownedNumber.get({ userId, phoneNumber }).go({ consistent: true });
  return data ?? undefined;
}

/**
 * True when `userId` may use `phoneNumber` right now: it is theirs and active, or cancelled
 * but still inside its paid period. Conversations and SMS sending call this (403 number_not_owned
 * otherwise). Strongly consistent, so a number bought a moment ago counts.
 */
export async function isActiveOwnedNumber(
  userId: string,
  phoneNumber: string,
  now: Date = new Date(),
): Promise<boolean> {
  const item = await getOwned(userId, phoneNumber);
  return item !== undefined && isUsable(item, now);
}

export function isUsable(item: OwnedNumberItem, now: Date): boolean {
  if (item.status === 'active') return true;
  return item.status === 'cancelled' && now.getTime() < Date.parse(item.renewsAt);
}

/** Who receives SMS sent to `phoneNumber`: its owner, the verification pool, or nobody. */
export type NumberRoute =
  | { readonly kind: 'owned'; readonly userId: string }
  | { readonly kind: 'verification-pool' }
  | { readonly kind: 'unknown' };

export async function routeOf(phoneNumber: string, now: Date = new Date()): Promise<NumberRoute> {
  const number = await getInventoryNumber(phoneNumber);
  if (!number) return { kind: 'unknown' };
  if (number.status === 'verification-pool') return { kind: 'verification-pool' };
  if (number.status !== 'sold' || !number.ownerId) return { kind: 'unknown' };
  const owned = await getOwned(number.ownerId, phoneNumber);
  if (!owned || !isUsable(owned, now)) return { kind: 'unknown' };
  return { kind: 'owned', userId: number.ownerId };
}

/** Counts an SMS against the number's usage of the current period (atomic ADD). */
export async function recordNumberUsage(
  userId: string,
  phoneNumber: string,
  metric: 'smsSent' | 'smsReceived',
  amount = 1,
): Promise<void> {
  try {
    await db()
      .entities.ownedNumber.patch({ userId, phoneNumber })
      .add({ [metric]: amount })
      .go();
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
  }
}
