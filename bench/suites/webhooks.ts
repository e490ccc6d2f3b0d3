/**
 * Webhooks (issue 15), through the local runtime's real outbox: the table's stream read from
 * DynamoDB Local by the runtime's stream poller, the outbox router, the delivery queue and the
 * dispatcher, POSTing signed events to receivers on loopback.
 * - commit → delivered: a group chat of 5 users with 10 endpoints each (50 endpoints, 50
 *   receivers on 127.0.0.1); each message.created is one event for 50 deliveries, timed from
 *   the 201 of the POST (the commit is done by then) to each receiver's arrival;
 * - capacity (in the bench process, with the meter): one delivery attempt (the SQS worker's
 *   invocation), and routing one event (the stream consumer's invocation for the message's
 *   stream record, read from the real stream) with no endpoint and with the 50;
 * - sustained rate: a backlog of messages committed while the consumer is stopped, then the
 *   time until all their deliveries arrived once it is back.
 *
 *   npx tsx bench/suites/webhooks.ts     (spawns a local runtime on free ports)
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  type Cost,
  main,
  type Meter,
  percentile,
  round,
  runStandalone,
  type Sampled,
  sample,
  setOutbox,
  sharedMeter,
} from '../harness/index';
import { callDeliveryWorker, callStreamConsumer } from '../harness/lambda';

/** Users of the group chat, and endpoints per user (the per-user maximum): 50 endpoints. */
const USERS = 5;
const ENDPOINTS_PER_USER = 10;
/** A delivery not arrived this long after its commit is a stall (reported, and the run fails). */
const STALL_MS = 60_000;

export interface WebhookBenchResult {
  readonly endpoints: number;
  readonly latency: {
    readonly events: number;
    readonly deliveries: number;
    /** From the 201 of the POST (commit done) to the receiver's arrival. */
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
    /** The POST itself (request → 201), for reference. */
    readonly requestP50Ms: number;
  };
  readonly attempt: Sampled;
  readonly routing: {
    /** One message.created routed, nobody subscribed: the router's own work. */
    readonly noEndpoint: Cost;
    /** The same event routed to 50 endpoints (attempts excluded, see notes). */
    readonly fiftyEndpoints: Cost;
    /** The routing's writes are the delivery items alone: its write units / 50. */
    readonly perDeliveryCreated: { readonly wcu: number };
  };
  readonly sustained: {
    readonly events: number;
    readonly deliveries: number;
    readonly seconds: number;
    readonly eventsPerSecond: number;
    readonly deliveriesPerSecond: number;
  };
  readonly notes: string[];
}

interface Arrival {
  readonly messageId: string;
  readonly at: number;
}

/** Receivers on 127.0.0.1 answering 200; every message.created arrival is reported with its time. */
async function startReceivers(count: number, onArrival: (arrival: Arrival) => void) {
  const servers: Server[] = [];
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = performance.now();
        res.end('ok');
        try {
          const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            type: string;
            data: { message?: { id?: string } };
          };
          const messageId = event.data.message?.id;
          if (event.type === 'message.created' && messageId) onArrival({ messageId, at });
        } catch {
          // Not an event of ours.
        }
      });
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/${i}`);
  }
  return {
    urls,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      ),
  };
}

/** Waits until `count` arrivals of each message id are in, or fails naming the stalled ones. */
async function allArrived(
  arrivals: Map<string, number[]>,
  ids: readonly string[],
  count: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = ids.filter((id) => (arrivals.get(id)?.length ?? 0) < count);
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `webhooks stalled: ${missing.length} of ${ids.length} events without all ${count} deliveries after ${timeoutMs} ms (${missing
          .slice(0, 5)
          .map((id) => `${id}: ${arrivals.get(id)?.length ?? 0}`)
          .join(', ')})`,
      );
    }
    await sleep(20);
  }
}

/**
 * The stream records of a message's INSERT, read by the real stream poller in this process
 * from the local runtime's checkpoint on (its own poller must be stopped): what the event source
 * mapping (filtered to routed entities) hands the consumer in AWS.
 */
async function insertRecordOf(messageId: string): Promise<DynamoDBRecord> {
  const { DynamoDBStreamsClient } = await import('@aws-sdk/client-dynamodb-streams');
  const { startStreamPoller } = await import('../../local/outbox/stream-poller');
  const { DynamoDBClient, DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const endpoint = process.env.DYNAMODB_ENDPOINT!;
  const table = await new DynamoDBClient({ region: 'us-east-1', endpoint, credentials }).send(
    new DescribeTableCommand({ TableName: process.env.TABLE_NAME! }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'smsproj-bench-stream-'));
  const checkpointFile = join(dir, 'checkpoint.json');
  const runtimeCheckpoint = join(process.env.LOCAL_DATA_DIR!, 'outbox-checkpoint.json');
  if (existsSync(runtimeCheckpoint)) copyFileSync(runtimeCheckpoint, checkpointFile);
  let found: DynamoDBRecord | undefined;
  const poller = startStreamPoller({
    client: new DynamoDBStreamsClient({ region: 'us-east-1', endpoint, credentials }),
    streamArn: table.Table!.LatestStreamArn!,
    checkpointFile,
    log: { warn: (message) => process.stderr.write(`[bench] stream: ${message}\n`) },
    handle: async (event) => {
      found ??= event.Records.find(
        (r) =>
          r.eventName === 'INSERT' &&
          r.dynamodb?.NewImage?.__edb_e__?.S === 'message' &&
          r.dynamodb.NewImage.messageId?.S === messageId,
      );
      return { batchItemFailures: [] };
    },
  });
  try {
    const deadline = Date.now() + STALL_MS;
    while (!found) {
      if (Date.now() > deadline) throw new Error(`message ${messageId} not found in the stream`);
      await sleep(50);
    }
    return found;
  } finally {
    await poller.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runWebhookBenchmarks(
  meter: Meter,
  options: { messages?: number; backlog?: number; samples?: number } = {},
): Promise<WebhookBenchResult> {
  const messages = options.messages ?? 10;
  const backlog = options.backlog ?? 10;
  const { api } = await import('../../test/integration/helpers/api');
  const { busyUser } = await import('../../test/integration/helpers/session');
  const { localDeliveryQueue } = await import('../../local/adapters/index');
  const { db } = await import('../../shared/platform/db/service');
  const { dueShardOf } = await import('../../shared/webhooks/due');

  const arrivals = new Map<string, number[]>();
  const receivers = await startReceivers(USERS * ENDPOINTS_PER_USER, ({ messageId, at }) => {
    const list = arrivals.get(messageId) ?? [];
    list.push(at);
    arrivals.set(messageId, list);
  });
  try {
    const users = await Promise.all(Array.from({ length: USERS }, () => busyUser('hook')));
    const endpointIds: string[] = [];
    for (const [u, user] of users.entries()) {
      for (let e = 0; e < ENDPOINTS_PER_USER; e++) {
        const created = await api.post<{ id: string }>(
          '/v1/webhooks',
          { url: receivers.urls[u * ENDPOINTS_PER_USER + e], events: ['message.created'] },
          { token: user.accessToken },
        );
        if (created.status !== 201) throw new Error(`create webhook answered ${created.status}`);
        endpointIds.push(created.json.id);
      }
    }
    const [owner, ...others] = users;
    const token = owner!.accessToken;
    const group = await api.post<{ id: string }>(
      '/v1/conversations',
      { participants: others.map((u) => ({ username: u.username })) },
      { token },
    );
    if (group.status !== 201) throw new Error(`create conversation answered ${group.status}`);
    const post = async (body: string) => {
      const res = await api.post<{ id: string }>(
        `/v1/conversations/${group.json.id}/messages`,
        { body },
        { token },
      );
      if (res.status !== 201) throw new Error(`send answered ${res.status}: ${res.text}`);
      return res.json.id;
    };
    const endpoints = endpointIds.length;

    // Commit → delivered, one event at a time (after one unmeasured warm-up event).
    // The warm-up also waits out the stream backlog earlier sections left (not measured).
    await allArrived(arrivals, [await post('warm-up')], endpoints, 5 * STALL_MS);
    const latencies: number[] = [];
    const requests: number[] = [];
    for (let m = 0; m < messages; m++) {
      const started = performance.now();
      const id = await post(`Webhook latency check ${m}: are we still on for lunch?`);
      const committed = performance.now();
      requests.push(committed - started);
      await allArrived(arrivals, [id], endpoints, STALL_MS);
      latencies.push(...arrivals.get(id)!.map((at) => Math.max(0, at - committed)));
    }

    // Sustained: a backlog committed while the consumer is down, drained once it is back.
    await setOutbox('stop');
    const queued: string[] = [];
    for (let m = 0; m < backlog; m++) queued.push(await post(`Backlog event ${m} for the dispatcher`));
    const drainStarted = performance.now();
    await setOutbox('start');
    await allArrived(arrivals, queued, endpoints, 10 * STALL_MS);
    const drainEnded = Math.max(...queued.flatMap((id) => arrivals.get(id)!));
    const drainSeconds = (drainEnded - drainStarted) / 1000;

    // Capacity, in this process: routing a real stream record with the runtime's consumer stopped.
    const routeOnce = async (body: string, conversationId: string, sender: string) => {
      await setOutbox('stop');
      try {
        const res = await api.post<{ id: string }>(
          `/v1/conversations/${conversationId}/messages`,
          { body },
          { token: sender },
        );
        if (res.status !== 201) throw new Error(`send answered ${res.status}`);
        const record = await insertRecordOf(res.json.id);
        const cost = await meter.measure(async () => {
          await callStreamConsumer([record]);
          await localDeliveryQueue.drain();
        });
        return { cost, messageId: res.json.id };
      } finally {
        // The runtime's consumer routes the record again: idempotent (the deliveries exist).
        await setOutbox('start');
      }
    };
    const [lonelyA, lonelyB] = await Promise.all([busyUser('hookless'), busyUser('hookless')]);
    const pair = await api.post<{ id: string }>(
      '/v1/conversations',
      { participants: [{ username: lonelyB!.username }] },
      { token: lonelyA!.accessToken },
    );
    if (pair.status !== 201) throw new Error(`create conversation answered ${pair.status}`);
    const noEndpoint = (await routeOnce('Nobody listens to this one', pair.json.id, lonelyA!.accessToken))
      .cost;

    // One delivery attempt: the worker's invocation for a pending delivery of a message.created
    // event (the payload of the one just routed), to a receiver answering 200.
    const { data: sampleDelivery } = await db()
      .entities.webhookDelivery.query.primary({ endpointId: endpointIds[0]! })
      .go({ limit: 1 });
    const payload = sampleDelivery[0]!.payload;
    const attempt = await sample(
      meter,
      { times: options.samples ?? 20 },
      async (round) => {
        const endpointId = endpointIds[(round + endpoints) % endpoints]!;
        const deliveryId = `whd_bench${Date.now().toString(36)}${round + 1000}`;
        await db()
          .entities.webhookDelivery.create({
            endpointId,
            deliveryId,
            userId: users[Math.floor(((round + endpoints) % endpoints) / ENDPOINTS_PER_USER)]!.userId,
            eventId: `evt_bench${deliveryId}`,
            type: 'message.created',
            payload,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: new Date().toISOString(),
            dueShard: dueShardOf(endpointId),
          })
          .go({ response: 'none' });
        return { endpointId, deliveryId };
      },
      async (job) => {
        await callDeliveryWorker(job);
      },
    );

    const fifty = await routeOnce('Routed to fifty endpoints', group.json.id, token);
    await allArrived(arrivals, [fifty.messageId], endpoints, STALL_MS);
    // The 50 attempts ran in this process inside the measurement: take them out.
    const a = attempt.cost;
    const byOperation = { ...fifty.cost.byOperation };
    for (const [operation, count] of Object.entries(a.byOperation)) {
      byOperation[operation] = (byOperation[operation] ?? 0) - endpoints * count;
      if (byOperation[operation] === 0) delete byOperation[operation];
    }
    const fiftyEndpoints: Cost = {
      ...fifty.cost,
      calls: fifty.cost.calls - endpoints * a.calls,
      readUnits: round(fifty.cost.readUnits - endpoints * a.readUnits),
      writeUnits: round(fifty.cost.writeUnits - endpoints * a.writeUnits),
      capacityUnits: round(fifty.cost.capacityUnits - endpoints * a.capacityUnits),
      byOperation,
    };

    return {
      endpoints,
      latency: {
        events: messages,
        deliveries: latencies.length,
        p50Ms: round(percentile(latencies, 0.5), 1),
        p99Ms: round(percentile(latencies, 0.99), 1),
        maxMs: round(Math.max(...latencies), 1),
        requestP50Ms: round(percentile(requests, 0.5), 1),
      },
      attempt,
      routing: {
        noEndpoint,
        fiftyEndpoints,
        perDeliveryCreated: { wcu: round(fiftyEndpoints.writeUnits / endpoints, 2) },
      },
      sustained: {
        events: backlog,
        deliveries: backlog * endpoints,
        seconds: round(drainSeconds, 1),
        eventsPerSecond: round(backlog / drainSeconds, 2),
        deliveriesPerSecond: round((backlog * endpoints) / drainSeconds, 1),
      },
      notes: [
        `Latency: ${USERS} users in one group chat, ${ENDPOINTS_PER_USER} endpoints each subscribed to message.created, each on its own HTTP receiver on 127.0.0.1; every message is one event for ${endpoints} deliveries. Timed from the POST's 201 (the transaction has committed) to the receiver reading the body; the path is the runtime's stream poller (150 ms polls of DynamoDB Local's stream), the outbox router, the in-process delivery queue and the dispatcher (claim, sign, POST, record).`,
        "Routing: the stream consumer invoked in the bench process with the message's INSERT record, read from the real stream (the runtime's own consumer stopped meanwhile; it routes the record again afterwards, which creates nothing). It checks the message's effects marker (done by the request), reads the conversation, and per user participant Queries the endpoints and creates one delivery per subscribed endpoint (conditional put; in AWS also one SQS SendMessage each). Locally the in-process queue starts each attempt at once, inside the measurement: the 50 attempts are subtracted at the measured per-attempt cost.",
        "Delivery attempt: the SQS worker's invocation for one pending delivery: consistent reads of the delivery and its endpoint, the claim (conditional update of the attempt count), decrypting the secret, the signed POST, and recording the outcome. A retry after a failure costs the same plus the due-index entry. In AWS each attempt also makes one KMS Decrypt of the signing secret ($0.03 per 10,000 requests: $3 per million attempts, more than its DynamoDB units) and one SQS receive + delete.",
        `Sustained: ${backlog} messages (${backlog * endpoints} deliveries) committed while the runtime's consumer was stopped (POST /dev/outbox/stop), then timed from its restart to the last arrival: what the consumer and dispatcher drain on this machine with DynamoDB Local, its stream carrying every item written (search-index entries included, ~${USERS * 27} per message here), not only the routed ones as the Lambda event filter does in AWS.`,
      ],
    };
  } finally {
    await receivers.close();
  }
}

if (require.main === module) {
  main(() => runStandalone(undefined, async () => runWebhookBenchmarks(await sharedMeter())));
}
