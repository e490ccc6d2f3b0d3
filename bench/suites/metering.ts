/**
 * Usage-metering overhead per API request (issue 6). API requests are counted off the request
 * path: every request leaves an access-log record (API Gateway access logging in AWS, the local
 * gateway locally) and `meterAccessLogs` (shared/usage/access-log.ts, the
 * `usage/aggregate-access-logs` handler in AWS) writes them in batches — one atomic ADD per
 * (user, month), (user, day) and (user, day, key), plus lastUsedAt per API key.
 *
 * Measured here:
 * - the request path: the DynamoDB calls of a REST invocation include no usage-counter write
 *   (the handler is measured alone; metering adds 0 calls and 0 ms to it);
 * - the batch writer: calls, WCU and time of metering batches of realistic shapes, per request.
 */
import type { AccessLogRecord } from '../../shared/usage/access-log';
import { type Cost, main, type Meter, round, runStandalone, seedUser, sharedMeter } from '../harness/index';
import { expectRoute, jwtCaller } from '../harness/lambda';

export interface MeteringBatch {
  readonly name: string;
  readonly requests: number;
  readonly users: number;
  readonly apiKeys: number;
  readonly cost: Cost;
  readonly wcuPerRequest: number;
  readonly msPerRequest: number;
}

export interface MeteringResult {
  /** DynamoDB calls on a REST request's path that write usage counters (0 = off the path). */
  readonly requestPathMeteringCalls: number;
  readonly requestPathCost: Cost;
  readonly addedLatencyMs: number;
  readonly batches: MeteringBatch[];
  readonly notes: string[];
}

export async function runMeteringBenchmarks(meter: Meter): Promise<MeteringResult> {
  const { meterAccessLogs } = await import('../../shared/usage/access-log');
  const { createApiKey } = await import('../../shared/accounts/api-keys');

  // The request path: one authenticated GET, every DynamoDB call it makes, by command.
  const user = await seedUser('meter');
  const auth = await jwtCaller(user.userId);
  await expectRoute({ route: 'getMe', auth }, 200);
  let usageWrites = 0;
  const { dynamo } = await import('../../shared/platform/db/client');
  const client = dynamo();
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Key?: Record<string, unknown> };
      if (/usagecounter/i.test(JSON.stringify(input.Key ?? {}))) usageWrites++;
      return next(args);
    },
    { step: 'initialize', name: 'benchUsageWrites', override: true },
  );
  const requestPathCost = await meter.measure(() => expectRoute({ route: 'getMe', auth }, 200));
  const requestPathMeteringCalls = usageWrites;
  client.middlewareStack.remove('benchUsageWrites');

  // Batches as the subscription (AWS) or the 1-second flush (local) delivers them.
  const users = await Promise.all(Array.from({ length: 10 }, () => seedUser('metered')));
  const keys = await Promise.all(
    users.slice(0, 2).map(async (u) => ({ userId: u.userId, ...(await createApiKey(u.userId, 'm', [])) })),
  );
  const at = Date.now();
  const shapes: Array<{ name: string; records: AccessLogRecord[]; users: number; apiKeys: number }> = [
    {
      name: 'busy second: 1,000 requests from 10 users (2 of them with API keys)',
      users: 10,
      apiKeys: 2,
      records: Array.from({ length: 1000 }, (_, i) => {
        const u = users[i % users.length]!;
        const key = keys.find((k) => k.userId === u.userId);
        return {
          requestTimeEpoch: at + i,
          status: i % 50 === 0 ? 404 : 200,
          userId: u.userId,
          keyId: key ? key.id : null,
        };
      }),
    },
    {
      name: 'steady user: 10 requests from one user in a batch',
      users: 1,
      apiKeys: 0,
      records: Array.from({ length: 10 }, (_, i) => ({
        requestTimeEpoch: at + i,
        status: 200,
        userId: users[5]!.userId,
        keyId: null,
      })),
    },
    {
      name: 'sparse: a single request in its batch (worst case)',
      users: 1,
      apiKeys: 0,
      records: [{ requestTimeEpoch: at, status: 200, userId: users[6]!.userId, keyId: null }],
    },
  ];
  const batches: MeteringBatch[] = [];
  for (const shape of shapes) {
    const cost = await meter.measure(() => meterAccessLogs(shape.records));
    batches.push({
      name: shape.name,
      requests: shape.records.length,
      users: shape.users,
      apiKeys: shape.apiKeys,
      cost,
      wcuPerRequest: round(cost.writeUnits / shape.records.length, 4),
      msPerRequest: round(cost.ms / shape.records.length, 3),
    });
  }
  return {
    requestPathMeteringCalls,
    requestPathCost,
    addedLatencyMs: 0,
    batches,
    notes: [
      `Request path: GET /v1/me made ${requestPathCost.calls} DynamoDB call(s), ${requestPathMeteringCalls} of them usage-counter writes: API-request metering adds nothing to a request's latency.`,
      'Batches: one ADD per (user, month), (user, day) and (user, day, key) touched, plus lastUsedAt per key; the cost follows the number of distinct callers per batch, not the requests.',
      'In AWS the access-log subscription delivers batches of up to ~10,000 records; locally the gateway flushes every second.',
    ],
  };
}

if (require.main === module) {
  main(() => runStandalone(undefined, async () => runMeteringBenchmarks(await sharedMeter())));
}
