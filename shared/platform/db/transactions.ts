import type { TransactionItem } from 'electrodb';

/** Indexes of the transaction items whose condition failed (empty when the transaction committed). */
export function rejectedItems(result: {
  canceled: boolean;
  data: ReadonlyArray<TransactionItem<unknown>>;
}): number[] {
  if (!result.canceled) return [];
  return result.data.flatMap((item, index) =>
    item.rejected || item.code === 'ConditionalCheckFailed' ? [index] : [],
  );
}

/** True when the transaction was cancelled by a conflicting concurrent transaction (safe to retry). */
export function conflicted(result: {
  canceled: boolean;
  data: ReadonlyArray<TransactionItem<unknown>>;
}): boolean {
  return result.canceled && result.data.some((item) => item.code === 'TransactionConflict');
}

/** Jittered exponential wait before retrying a transaction that lost a race. */
export const conflictBackoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(attempt, 6)));
