/** Shards of the due-retries index (`byDue`): the job queries each with `nextAttemptAt <= now`. */
export const DUE_SHARDS = 4;

export const dueShardOf = (endpointId: string): string => {
  let h = 0;
  for (const ch of endpointId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return String(h % DUE_SHARDS);
};

/**
 * Delay before the retry that follows failed attempt `attempt` (1-based), or undefined when
 * the delivery has had its last attempt. 8 attempts over about 29.6 h (first retry after about
 * a minute), each delay with ±10 % jitter so endpoints recovering from an outage are not hit
 * by every retry at once.
 */
export const RETRY_DELAYS_SECONDS = [60, 300, 1800, 7200, 18_000, 36_000, 43_200] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

export function retryDelayMs(attempt: number, random: () => number = Math.random): number | undefined {
  const base = RETRY_DELAYS_SECONDS[attempt - 1];
  if (base === undefined) return undefined;
  return Math.round(base * 1000 * (0.9 + 0.2 * random()));
}

/** An endpoint failing without a single success for this long is disabled. */
export const DISABLE_AFTER_MS = 3 * 24 * 3600 * 1000;
