import { creditWrites } from '../billing/service';
import { config } from '../platform/config';
import { conflicted, rejectedItems } from '../platform/db/transactions';
import { InvalidState, NotFound } from '../platform/errors';
import { db } from './db';
import { db as records } from './records-db';
import type { VerificationItem } from './entities/verification';
import {
  type VerificationAction,
  assertTransition,
  invalidStateDetail,
  isRefunded,
  transition,
} from './state';
import { lastCode } from './views';

/**
 * Every terminal transition (complete, cancel, report, expire) is ONE DynamoDB transaction:
 *
 *   [0] the verification: status change, conditional on the status (and code count) that was read
 *   [1] the pool lease: rewritten as released, cooling down until now + the cool-down (only if it
 *       is still ours), so the number goes back to the pool only after the cool-down
 *   [+] the owner's active-request counter: decremented (requests created before the counter
 *       existed hold no slot and skip this)
 *   [+] for report: the (number, service) pair burnt for everyone
 *   [+] for expired / cancelled: the refund (balance increment + ledger entry, ../billing)
 *
 * A transition that lost a race (an SMS arrived, the job expired it, another cancel won) fails on
 * item [0] and nothing is written: the refund cannot be paid twice, the lease cannot be released
 * twice, and the caller re-reads and decides again.
 */
export type TerminalAction = Exclude<VerificationAction, 'receive'>;

export const REPORT_REASONS = ['number_used', 'no_code', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** The cool-down of a released number (configurable: VERIFICATION_COOLDOWN_MINUTES, default 20). */
export const cooldownMs = (): number => config('verifications').VERIFICATION_COOLDOWN_MINUTES * 60_000;

export type AttemptResult =
  | { readonly kind: 'done'; readonly item: VerificationItem }
  /** The item changed since it was read (status or codes): re-read. */
  | { readonly kind: 'stale' }
  /** A concurrent transaction touched the same items (TransactionConflict): retry. */
  | { readonly kind: 'conflict' };

/** Attribute changes of a transition from `item` (as read) at `now`. */
export function transitionChanges(
  item: VerificationItem,
  action: TerminalAction,
  now: Date,
  reason?: ReportReason,
) {
  const status = assertTransition(item.status, action);
  const at = now.toISOString();
  const finalCode = status === 'completed' ? lastCode(item) : undefined;
  return {
    status,
    // The sparse expiry index is recomputed only when its composites are written with the status.
    expiryShard: item.expiryShard,
    expiresAt: item.expiresAt,
    ...(status === 'completed' ? { completedAt: at, ...(finalCode ? { finalCode } : {}) } : {}),
    ...(status === 'cancelled' ? { cancelledAt: at } : {}),
    ...(action === 'report' ? { reportedAt: at, reportReason: reason ?? 'other' } : {}),
    ...(status === 'expired' ? { expiredAt: at } : {}),
    ...(isRefunded(status) ? { refundedAt: at } : {}),
  };
}

/** One attempt at a terminal transition of `item` as read. Throws 409 if `action` is not allowed from its status. */
export async function attemptTransition(
  item: VerificationItem,
  action: TerminalAction,
  now: Date,
  reason?: ReportReason,
): Promise<AttemptResult> {
  const changes = transitionChanges(item, action, now, reason);
  const refund = isRefunded(changes.status) && item.priceCents > 0;
  const at = now.toISOString();
  const result = await db()
    .transaction.write((tx) => [
      tx.verification
        .patch({ verificationId: item.verificationId })
        .set(changes)
        .where(
          (attr, op) => `${op.eq(attr.status, item.status)} AND ${op.eq(attr.codeCount, item.codeCount)}`,
        )
        .commit(),
      tx.poolLease
        .put({
          phoneNumber: item.phoneNumber,
          country: item.country,
          verificationId: item.verificationId,
          userId: item.userId,
          service: item.service,
          expiresAt: item.expiresAt,
          leasedAt: item.createdAt,
          releasedAt: at,
          coolsUntil: new Date(now.getTime() + cooldownMs()).toISOString(),
        })
        .where(
          (attr, op) =>
            `(${op.notExists(attr.verificationId)} OR ${op.eq(attr.verificationId, item.verificationId)})`,
        )
        .commit(),
      ...(item.holdsActiveSlot
        ? [tx.activeVerificationCount.update({ userId: item.userId }).add({ active: -1 }).commit()]
        : []),
      ...(action === 'report'
        ? [
            tx.numberServiceUse
              .update({ phoneNumber: item.phoneNumber, service: item.service })
              .set({
                userId: item.userId,
                verificationId: item.verificationId,
                leasedAt: item.createdAt,
                burntAt: at,
                burntReason: reason ?? 'other',
              })
              .commit(),
          ]
        : []),
      ...(refund
        ? creditWrites(tx, {
            userId: item.userId,
            amountCents: item.priceCents,
            type: 'refund',
            ref: item.verificationId,
            description: `Verification ${changes.status}: ${item.service}`,
            at: now,
          })
        : []),
    ])
    .go();
  if (!result.canceled) return { kind: 'done', item: { ...item, ...changes } };
  if (rejectedItems(result).includes(0)) return { kind: 'stale' };
  if (conflicted(result)) return { kind: 'conflict' };
  throw new Error(`Verification transition ${action} cancelled: ${JSON.stringify(rejectedItems(result))}`);
}

export async function readVerification(verificationId: string): Promise<VerificationItem | undefined> {
  const { data } = await records().entities.verification.get({ verificationId }).go({ consistent: true });
  return data ?? undefined;
}

/** Reads a verification for `userId`: another user's request is indistinguishable from a missing one. */
export async function readOwned(userId: string, verificationId: string): Promise<VerificationItem> {
  const item = await readVerification(verificationId);
  if (!item || item.userId !== userId) throw new NotFound('No such verification.');
  return item;
}

const MAX_ATTEMPTS = 8;

export const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * 2 ** Math.min(attempt, 6)));

/**
 * Applies a terminal transition with optimistic concurrency: read, decide, write conditionally;
 * on a lost race re-read and decide again. `owner` restricts to one user's request (API calls);
 * the expiry job passes none. A transition no longer allowed after the re-read is a 409 (API) or
 * `undefined` with `quiet` (the job: someone else already moved it on).
 */
export async function applyTransition(
  verificationId: string,
  action: TerminalAction,
  options: {
    owner?: string;
    now?: Date;
    quiet?: boolean;
    first?: VerificationItem;
    reason?: ReportReason;
  } = {},
): Promise<VerificationItem | undefined> {
  let item = options.first;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (!item) {
      item = options.owner
        ? await readOwned(options.owner, verificationId)
        : await readVerification(verificationId);
      if (!item) return undefined;
    }
    if (!transition(item.status, action)) {
      if (options.quiet) return undefined;
      throw new InvalidState(invalidStateDetail(item.status, action));
    }
    const result = await attemptTransition(item, action, options.now ?? new Date(), options.reason);
    if (result.kind === 'done') return result.item;
    if (result.kind === 'conflict') await backoff(attempt);
    item = undefined;
  }
  throw new Error(`Verification ${verificationId}: ${action} did not settle after ${MAX_ATTEMPTS} attempts`);
}
