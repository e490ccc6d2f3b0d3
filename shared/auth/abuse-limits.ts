import { isConditionalFailure } from '../platform/db/errors';
import { ttlIn } from '../platform/db/schema';
import { db } from './abuse-db';

export interface WindowLimit {
  /** Events allowed per window. */
  readonly max: number;
  readonly windowSeconds: number;
  /** Minimum spacing between two counted events. @default 0 */
  readonly minGapSeconds?: number;
}

export type Consumed = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * Counts one event of `subject` in `scope` if the limit allows it. The check and the count are
 * one conditional write (increment inside a live window, or start a new window once the old
 * one is over), so parallel callers cannot exceed `max`: a lost race simply retries.
 */
export async function consume(scope: string, subject: string, limit: WindowLimit): Promise<Consumed> {
  const counters = db().entities.abuseCounter;
  const windowMs = limit.windowSeconds * 1000;
  const gapMs = (limit.minGapSeconds ?? 0) * 1000;
  for (let round = 0; round < 5; round++) {
    const now = Date.now();
    try {
      await counters
        .patch({ scope, subject })
        .add({ hits: 1 })
        .set({ lastAt: now })
        .where((attr, op) => {
          const counted = `${op.lt(attr.hits, limit.max)} AND ${op.gt(attr.windowStart, now - windowMs)}`;
          // Without a minimum gap, lastAt must not matter: a parallel hit a millisecond "later"
          // would otherwise make this one look too early.
          return gapMs > 0 ? `${counted} AND ${op.lte(attr.lastAt, now - gapMs)}` : counted;
        })
        .go({ response: 'none' });
      return { ok: true };
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
    try {
      await counters
        .put({
          scope,
          subject,
          windowStart: now,
          hits: 1,
          lastAt: now,
          ttl: ttlIn(limit.windowSeconds + 60, now),
        })
        .where((attr, op) => {
          const expired = `(${op.notExists(attr.windowStart)} OR ${op.lte(attr.windowStart, now - windowMs)})`;
          return gapMs > 0
            ? `${expired} AND (${op.notExists(attr.lastAt)} OR ${op.lte(attr.lastAt, now - gapMs)})`
            : expired;
        })
        .go({ response: 'none' });
      return { ok: true };
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
    const { data } = await counters.get({ scope, subject }).go({ consistent: true });
    if (!data) continue;
    const waits: number[] = [];
    if (data.windowStart > now - windowMs && data.hits >= limit.max)
      waits.push(data.windowStart + windowMs - now);
    if (gapMs > 0 && data.lastAt > now - gapMs) waits.push(data.lastAt + gapMs - now);
    // Neither the window nor the gap blocks: the counter moved meanwhile; count again.
    if (waits.length > 0)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
  }
  throw new Error(`Abuse counter ${scope} kept changing`);
}
