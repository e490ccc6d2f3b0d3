import { RateLimiter } from '../../../local/gateway/rate-limiter';

/** A clock the test moves by hand: no sleeping, no timing assertions. */
function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const free = { ratePerSecond: 10, burst: 20 };

describe('RateLimiter', () => {
  it('allows a full burst, then refuses with Retry-After of at least one second', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ now: clock.now });

    const allowed = Array.from({ length: 20 }, () => limiter.take('user:a', free));
    const refused = limiter.take('user:a', free);

    expect(allowed.every((d) => d.allowed)).toBe(true);
    expect(allowed.map((d) => d.remaining)).toEqual([
      19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
    ]);
    expect(refused).toEqual({
      allowed: false,
      limit: 20,
      remaining: 0,
      resetSeconds: 2,
      retryAfterSeconds: 1,
    });
  });

  it('refills at the plan rate as the clock moves', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ now: clock.now });
    for (let i = 0; i < 20; i += 1) limiter.take('user:a', free);

    clock.advance(100); // one token at 10/s
    const first = limiter.take('user:a', free);
    const second = limiter.take('user:a', free);

    expect(first.allowed).toBe(true);
    expect(second.allowed).toBe(false);
  });

  it('computes an exact Retry-After for slow rates', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ now: clock.now });
    const slow = { ratePerSecond: 0.25, burst: 1 };
    limiter.take('key:k', slow);

    const refused = limiter.take('key:k', slow);
    clock.advance(1000);
    const stillRefused = limiter.take('key:k', slow);

    expect(refused.retryAfterSeconds).toBe(4);
    expect(stillRefused.retryAfterSeconds).toBe(3);
  });

  it('keeps callers apart', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ now: clock.now });
    for (let i = 0; i < 20; i += 1) limiter.take('user:a', free);

    expect(limiter.take('user:a', free).allowed).toBe(false);
    expect(limiter.take('user:b', free).allowed).toBe(true);
  });

  it('applies a new plan from the next request on', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ now: clock.now });
    for (let i = 0; i < 20; i += 1) limiter.take('user:a', free);

    clock.advance(1000);
    const pro = limiter.take('user:a', { ratePerSecond: 50, burst: 100 });

    expect(pro).toMatchObject({ allowed: true, limit: 100, remaining: 49 });
  });

  it('reports the seconds until the bucket is full again', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ now: clock.now });

    const first = limiter.take('user:a', free);
    for (let i = 0; i < 9; i += 1) limiter.take('user:a', free);
    const eleventh = limiter.take('user:a', free);

    expect(first.resetSeconds).toBe(1);
    expect(eleventh.resetSeconds).toBe(2);
  });

  it('forgets callers whose bucket has refilled', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ now: clock.now, maxIdleBuckets: 2 });
    limiter.take('user:a', free);
    limiter.take('user:b', free);
    clock.advance(5000);

    limiter.take('user:c', free);

    expect(limiter.size).toBe(1);
  });

  it('rejects a limit that could never refill', () => {
    const limiter = new RateLimiter();

    expect(() => limiter.take('user:a', { ratePerSecond: 0, burst: 10 })).toThrow(RangeError);
  });
});
