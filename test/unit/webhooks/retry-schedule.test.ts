import { MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, retryDelayMs } from '../../../shared/webhooks/due';

describe('webhook retry schedule', () => {
  it('retries first after about a minute, at least 8 attempts over at least 24 h', () => {
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(8);
    const low = () => 0;
    const high = () => 1;
    expect(retryDelayMs(1, low)).toBe(54_000);
    expect(retryDelayMs(1, high)).toBe(66_000);
    let total = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) total += retryDelayMs(attempt, low)!;
    expect(total).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    expect(retryDelayMs(MAX_ATTEMPTS, low)).toBeUndefined();
    expect([...RETRY_DELAYS_SECONDS]).toEqual([...RETRY_DELAYS_SECONDS].sort((a, b) => a - b));
  });
});
