/**
 * Per-caller request rate, as API Gateway usage plans enforce it in AWS: a token bucket that
 * refills at `ratePerSecond` and holds at most `burst` tokens. One request costs one token.
 * The clock is injected so tests can move time without sleeping.
 */
export interface RateLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  /** Bucket capacity (RateLimit-Limit). */
  readonly limit: number;
  /** Whole requests left right now (RateLimit-Remaining). */
  readonly remaining: number;
  /** Seconds until the bucket is full again (RateLimit-Reset), at least 1 when not full. */
  readonly resetSeconds: number;
  /** Seconds to wait before one request is allowed (Retry-After); 0 when allowed. */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** The limit of the last request, so pruning knows when this bucket is full. */
  limit: RateLimit;
}

export interface RateLimiterOptions {
  /** Milliseconds clock. @default Date.now */
  readonly now?: () => number;
  /** Above this many tracked callers, full (idle) buckets are dropped. @default 10000 */
  readonly maxIdleBuckets?: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxIdleBuckets: number;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(options: RateLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxIdleBuckets = options.maxIdleBuckets ?? 10_000;
  }

  /**
   * Takes one token from `key`'s bucket. The limit is passed on every call rather than stored,
   * so a plan change applies to the very next request.
   */
  take(key: string, limit: RateLimit): RateDecision {
    assertValid(limit);
    const now = this.now();
    const bucket = this.refill(key, limit, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    // Pruning walks every bucket: at most once a second, and only when there are many.
    if (this.buckets.size > this.maxIdleBuckets && now - this.lastPruneAt >= 1000) {
      this.lastPruneAt = now;
      this.prune();
    }
    return {
      allowed,
      limit: limit.burst,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: secondsUntil(limit.burst - bucket.tokens, limit.ratePerSecond),
      retryAfterSeconds: allowed ? 0 : Math.max(1, secondsUntil(1 - bucket.tokens, limit.ratePerSecond)),
    };
  }

  /** Number of callers currently tracked. */
  get size(): number {
    return this.buckets.size;
  }

  /** Drops buckets that have refilled completely: they hold no information. */
  prune(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
      if (bucket.tokens + elapsedSeconds * bucket.limit.ratePerSecond >= bucket.limit.burst) {
        this.buckets.delete(key);
      }
    }
  }

  private refill(key: string, limit: RateLimit, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) {
      const fresh = { tokens: limit.burst, updatedAt: now, limit };
      this.buckets.set(key, fresh);
      return fresh;
    }
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsedSeconds * limit.ratePerSecond);
    bucket.updatedAt = now;
    bucket.limit = limit;
    return bucket;
  }
}

function assertValid(limit: RateLimit): void {
  if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) {
    throw new RangeError(`Invalid rate limit: ${limit.ratePerSecond}/s, burst ${limit.burst}`);
  }
}

/** Whole seconds (rounded up) for `tokens` to accumulate; 0 when none are missing. */
function secondsUntil(tokens: number, ratePerSecond: number): number {
  // Tolerate float noise (19.999999 tokens is a full bucket of 20).
  if (tokens <= 1e-9) return 0;
  return Math.ceil(tokens / ratePerSecond - 1e-9);
}
