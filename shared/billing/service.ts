import { encodeTime, ulid } from 'ulid';
import { recordActivity } from '../activity/service';
import type { TxEntities } from '../platform/db/data-service';
import { rejectedItems } from '../platform/db/transactions';
import { InsufficientFunds, NotFound } from '../platform/errors';
import { logger } from '../platform/observability/logger';
import { recordUsage } from '../usage/service';
import { db, type entities } from './db';
import type { LedgerEntryItem } from './entities/ledger-entry';
import type { LedgerType } from './ledger-types';

/**
 * Balances and the ledger.
 *
 * The balance lives on the user item (`balanceCents`); every change to it is a ledger entry
 * written in the SAME DynamoDB transaction as the balance update and as whatever the money pays
 * for. Contexts that charge for something (numbers, verifications, plan upgrades) therefore do
 * not call a "charge" endpoint: they add `chargeWrites(...)` to their own transaction (their
 * data module, `shared/<context>/db.ts`, holds `user` and `ledgerEntry` for it):
 *
 * ```ts
 * const result = await db()
 *   .transaction.write((tx) => [
 *     tx.verification.create({ ... }).commit(),                       // item 0: the thing bought
 *     ...chargeWrites(tx, { userId, amountCents: 25, ref: verificationId }), // items 1, 2
 *   ])
 *   .go();
 * if (isInsufficientFunds(result, 1)) throw insufficientFunds();  // 1 = index of chargeWrites' first item
 * ```
 *
 * A refund (or top-up) is `creditWrites(...)` in the transaction that moves the thing being refunded
 * (e.g. the verification's status change, conditional on it still being pending), so a refund can
 * never happen twice. `topUp`, `refund` and `charge` are the standalone versions.
 */

/** What a transaction must hold for a balance change: the user and ledger entities. */
export type BalanceTx = TxEntities<typeof entities>;

export interface LedgerEntry {
  readonly id: string;
  readonly type: LedgerType;
  readonly amountCents: number;
  readonly ref: string;
  readonly description?: string;
  readonly at: string;
}

export interface MoneyMovement {
  readonly userId: string;
  /** Positive integer cents. */
  readonly amountCents: number;
  /** What the money is for: `+14155550123`, `vrf_...`, `plan:pro`... */
  readonly ref: string;
  readonly description?: string;
  /** When it happened (defaults to now); also orders the ledger. */
  readonly at?: Date;
}

export const insufficientFunds = (detail = 'The balance does not cover this purchase. Top up and retry.') =>
  new InsufficientFunds(detail);

function assertAmount(amountCents: number): void {
  if (!Number.isInteger(amountCents) || amountCents <= 0) {
    throw new Error(`Ledger amounts must be positive integer cents, got ${amountCents}`);
  }
}

/** `led_` + a ULID whose time part is `at`, so ids sort like the ledger. */
export const ledgerId = (at: Date = new Date()): string => `led_${ulid(at.getTime())}`;

/**
 * Transaction items that charge `amountCents`: [0] the balance decrement, conditional on
 * `balanceCents >= amountCents` (and on the user existing), [1] the `charge` ledger entry.
 * If item [0]'s condition fails the whole transaction is cancelled: see `isInsufficientFunds`.
 * A zero amount yields no items (free things leave no ledger entry).
 */
export function chargeWrites(tx: BalanceTx, input: MoneyMovement) {
  if (input.amountCents === 0) return [];
  assertAmount(input.amountCents);
  const at = input.at ?? new Date();
  return [
    tx.user
      .patch({ userId: input.userId })
      .subtract({ balanceCents: input.amountCents })
      .where((attr, op) => op.gte(attr.balanceCents, input.amountCents))
      .commit(),
    tx.ledgerEntry.create(entryItem(input.userId, 'charge', input, at)).commit(),
  ];
}

/** Transaction items that credit `amountCents` (`topup` or `refund`): [0] balance increment, [1] ledger entry. */
export function creditWrites(tx: BalanceTx, input: MoneyMovement & { readonly type: 'topup' | 'refund' }) {
  if (input.amountCents === 0) return [];
  assertAmount(input.amountCents);
  const at = input.at ?? new Date();
  return [
    tx.user.patch({ userId: input.userId }).add({ balanceCents: input.amountCents }).commit(),
    tx.ledgerEntry.create(entryItem(input.userId, input.type, input, at)).commit(),
  ];
}

/**
 * The ledger entry of a money movement, for transactions that must change the user item in
 * the same operation as the balance (a transaction cannot touch one item twice).
 */
export const ledgerEntryItem = (type: LedgerType, input: MoneyMovement) =>
  entryItem(input.userId, type, input, input.at ?? new Date());

function entryItem(userId: string, type: LedgerType, input: MoneyMovement, at: Date) {
  return {
    userId,
    id: ledgerId(at),
    type,
    amountCents: input.amountCents,
    ref: input.ref,
    at: at.toISOString(),
    ...(input.description ? { description: input.description } : {}),
  };
}

/**
 * True when a cancelled transaction failed on the balance condition of `chargeWrites`, whose
 * items start at `chargeIndex` in the transaction.
 */
export function isInsufficientFunds(
  result: Parameters<typeof rejectedItems>[0],
  chargeIndex: number,
): boolean {
  return rejectedItems(result).includes(chargeIndex);
}

/** Records spend in the usage counters (dashboard, `/v1/me/usage`); call after a charge committed. */
export async function recordSpend(userId: string, amountCents: number, at: Date = new Date()): Promise<void> {
  if (amountCents > 0) await recordUsage(userId, 'spendCents', amountCents, { at });
}

/** Charges the balance on its own (no other item in the transaction). 402 without funds. */
export async function charge(input: MoneyMovement): Promise<void> {
  const result = await db()
    .transaction.write((tx) => chargeWrites(tx, input))
    .go();
  if (result.canceled) {
    if (isInsufficientFunds(result, 0)) throw insufficientFunds();
    throw new Error('Charge transaction cancelled');
  }
  await recordSpend(input.userId, input.amountCents, input.at);
}

/** Adds credit (a top-up) and returns the new balance. 404 for an unknown user. */
export async function topUp(input: MoneyMovement): Promise<{ balanceCents: number }> {
  await credit({ ...input, type: 'topup' });
  const summary = `Balance topped up by $${(input.amountCents / 100).toFixed(2)}`;
  try {
    await recordActivity(input.userId, 'topup', summary, input.ref, input.at);
  } catch (error) {
    // The money is in; the activity feed is a courtesy.
    logger.warn('Could not record the top-up activity', { error: error as Error });
  }
  return { balanceCents: await getBalance(input.userId) };
}

/** Gives money back (type `refund`) on its own; prefer `creditWrites` inside the refunding transaction. */
export async function refund(input: MoneyMovement): Promise<void> {
  await credit({ ...input, type: 'refund' });
}

async function credit(input: MoneyMovement & { type: 'topup' | 'refund' }): Promise<void> {
  const result = await db()
    .transaction.write((tx) => creditWrites(tx, input))
    .go();
  if (result.canceled) {
    if (rejectedItems(result).includes(0)) throw new NotFound('No such user.');
    throw new Error('Credit transaction cancelled');
  }
}

export async function getBalance(userId: string): Promise<number> {
  const { data } = await db().entities.user.get({ userId }).go({ consistent: true });
  if (!data) throw new NotFound('No such user.');
  return data.balanceCents;
}

export const toEntry = (item: LedgerEntryItem): LedgerEntry => ({
  id: item.id,
  type: item.type,
  amountCents: item.amountCents,
  ref: item.ref,
  at: item.at,
  ...(item.description ? { description: item.description } : {}),
});

/**
 * Ledger entries newest first, optionally within [from, to). One Query on the user's partition:
 * the ids' ULID time prefix makes a time range a sort-key range.
 */
export async function listLedger(
  userId: string,
  options: { from?: Date; to?: Date; limit?: number } = {},
): Promise<LedgerEntry[]> {
  const query = db().entities.ledgerEntry.query.primary({ userId });
  const lower = `led_${encodeTime(options.from?.getTime() ?? 0, 10)}`;
  const upper = `led_${encodeTime(options.to?.getTime() ?? Date.UTC(9999, 0), 10)}`;
  const { data } = await query
    .between({ id: lower }, { id: upper })
    .go({ order: 'desc', ...(options.limit ? { count: options.limit } : { pages: 'all' }) });
  return data.map(toEntry);
}
