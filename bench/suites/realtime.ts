/**
 * Real time and throughput through the local gateway (HTTP and WebSocket on loopback, the
 * runtime in its own process):
 * - WebSocket fan-out: one message to a conversation of 50 users with one socket each, from
 *   the POST to each socket's `message.created` (./conversations.ts `fanoutBenchmark`);
 * - sustained messages per second with 20 concurrent senders (closed loop, each sender in its
 *   own conversation, plans lifted so the rate limiter stays out of the way);
 * - the rate limiter at 10× a free plan's rate (open loop): share of 429s, that each carries a
 *   usable Retry-After, no 5xx, and that the caller is served again after waiting Retry-After.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type FanoutResult, fanoutBenchmark } from './conversations';
import { main, percentile, round, runStandalone, seedUser } from '../harness/index';

export interface ThroughputResult {
  readonly senders: number;
  readonly seconds: number;
  /** Successful requests per second (messages stored, or pages read). */
  readonly messagesPerSecond: number;
  readonly sent: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly statuses: Record<string, number>;
  readonly errors5xx: number;
}

export interface RateLimitResult {
  readonly plan: string;
  readonly planRatePerSecond: number;
  readonly burst: number;
  readonly offeredPerSecond: number;
  readonly seconds: number;
  readonly requests: number;
  readonly ok: number;
  readonly rateLimited: number;
  readonly share429: number;
  readonly with429RetryAfter: number;
  readonly maxRetryAfterSeconds: number;
  readonly errors5xx: number;
  readonly otherStatuses: Record<string, number>;
  /** Status of the request sent after waiting the last Retry-After. */
  readonly afterRetryAfterStatus: number;
  readonly waitedSeconds: number;
}

export interface RealtimeResult {
  readonly fanout: FanoutResult;
  readonly throughput: ThroughputResult;
  readonly reads: ThroughputResult;
  readonly rateLimit: RateLimitResult;
}

async function signedInUsers(count: number, prefix: string) {
  const { signedInUser } = await import('../../test/integration/helpers/session');
  const users = [];
  for (let i = 0; i < count; i += 10) {
    users.push(
      ...(await Promise.all(Array.from({ length: Math.min(10, count - i) }, () => signedInUser(prefix)))),
    );
  }
  return users;
}

interface Loop {
  readonly users: ReadonlyArray<{ readonly accessToken: string }>;
  /** One request of worker `index`; resolves with the HTTP status. */
  request(index: number, token: string): Promise<number>;
  readonly success: number;
}

/** Closed loop: every worker sends its next request when the previous one answered, for `seconds`. */
async function closedLoop(loop: Loop, seconds: number): Promise<ThroughputResult> {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let done = 0;
  let measuring = false;
  let stop = false;
  const worker = async (index: number) => {
    const token = loop.users[index]!.accessToken;
    while (!stop) {
      const started = performance.now();
      const status = await loop.request(index, token);
      if (!measuring) continue;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === loop.success) {
        done++;
        latencies.push(performance.now() - started);
      }
    }
  };
  const workers = loop.users.map((_, i) => worker(i));
  await sleep(1500); // warm-up: handler modules loaded, connections open
  measuring = true;
  const started = performance.now();
  await sleep(seconds * 1000);
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(workers);
  return {
    senders: loop.users.length,
    seconds: round(elapsed, 1),
    messagesPerSecond: round(done / elapsed, 1),
    sent: done,
    p50Ms: round(percentile(latencies, 0.5), 1),
    p99Ms: round(percentile(latencies, 0.99), 1),
    statuses,
    errors5xx: Object.entries(statuses)
      .filter(([status]) => Number(status) >= 500)
      .reduce((n, [, count]) => n + count, 0),
  };
}

/** Signed-in users on the business plan (200 requests/s each): the limiter stays out of the way. */
async function unthrottledUsers(count: number, prefix: string) {
  const { db } = await import('../../shared/platform/db/service');
  const users = await signedInUsers(count, prefix);
  for (const user of users) {
    await db().entities.user.patch({ userId: user.userId }).set({ plan: 'business' }).go();
  }
  return users;
}

/** 20 senders, each in a conversation of its own, POSTing 10-word messages back to back. */
export async function throughputBenchmark(senders = 20, seconds = 10): Promise<ThroughputResult> {
  const { api } = await import('../../test/integration/helpers/api');
  const users = await unthrottledUsers(senders, 'tput');
  const peer = await seedUser('tputpeer');
  const paths: string[] = [];
  for (const user of users) {
    const created = await api.post<{ id: string }>(
      '/v1/conversations',
      { participants: [{ username: peer.username }] },
      { token: user.accessToken },
    );
    if (created.status !== 201) throw new Error(`create conversation answered ${created.status}`);
    paths.push(`/v1/conversations/${created.json.id}/messages`);
  }
  const body = 'Are we still on for lunch at noon tomorrow, Bob?';
  return closedLoop(
    {
      users,
      success: 201,
      request: async (index, token) => (await api.post(paths[index]!, { body }, { token })).status,
    },
    seconds,
  );
}

/** The same 20 workers reading a conversation-list page: what the gateway serves without writes. */
export async function readThroughputBenchmark(workers = 20, seconds = 5): Promise<ThroughputResult> {
  const { api } = await import('../../test/integration/helpers/api');
  const users = await unthrottledUsers(workers, 'reads');
  return closedLoop(
    {
      users,
      success: 200,
      request: async (_index, token) => (await api.get('/v1/conversations?limit=20', { token })).status,
    },
    seconds,
  );
}

/** Open loop at 10× the free plan's rate against GET /v1/me, then one request after Retry-After. */
export async function rateLimitBenchmark(seconds = 3): Promise<RateLimitResult> {
  const { api } = await import('../../test/integration/helpers/api');
  const { PLANS } = await import('../../shared/accounts/plans');
  const [user] = await signedInUsers(1, 'limit');
  const { requestsPerSecond, burst } = PLANS.free.limits;
  const offered = requestsPerSecond * 10;
  const statuses: Record<string, number> = {};
  let withRetryAfter = 0;
  let maxRetryAfter = 0;
  let lastRetryAfter = 0;
  const inFlight: Promise<void>[] = [];
  const total = offered * seconds;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / offered;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      api.get('/v1/me', { token: user!.accessToken }).then((answer) => {
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status === 429) {
          const retryAfter = Number(answer.headers.get('retry-after'));
          if (Number.isInteger(retryAfter) && retryAfter >= 1) {
            withRetryAfter++;
            maxRetryAfter = Math.max(maxRetryAfter, retryAfter);
            lastRetryAfter = retryAfter;
          }
        }
      }),
    );
  }
  await Promise.all(inFlight);
  const waitedSeconds = Math.max(1, lastRetryAfter);
  await sleep(waitedSeconds * 1000);
  const after = await api.get('/v1/me', { token: user!.accessToken });
  const count = (predicate: (status: number) => boolean) =>
    Object.entries(statuses)
      .filter(([status]) => predicate(Number(status)))
      .reduce((n, [, c]) => n + c, 0);
  const rateLimited = statuses['429'] ?? 0;
  return {
    plan: 'free',
    planRatePerSecond: requestsPerSecond,
    burst,
    offeredPerSecond: offered,
    seconds,
    requests: total,
    ok: statuses['200'] ?? 0,
    rateLimited,
    share429: round(rateLimited / total, 3),
    with429RetryAfter: withRetryAfter,
    maxRetryAfterSeconds: maxRetryAfter,
    errors5xx: count((s) => s >= 500),
    otherStatuses: Object.fromEntries(Object.entries(statuses).filter(([s]) => s !== '200' && s !== '429')),
    afterRetryAfterStatus: after.status,
    waitedSeconds,
  };
}

export async function runRealtimeBenchmarks(): Promise<RealtimeResult> {
  const fanout = await fanoutBenchmark(50, 20);
  const throughput = await throughputBenchmark(20, 10);
  const reads = await readThroughputBenchmark(20, 5);
  const rateLimit = await rateLimitBenchmark(3);
  return { fanout, throughput, reads, rateLimit };
}

if (require.main === module) {
  main(() => runStandalone(undefined, runRealtimeBenchmarks));
}
