/**
 * Conversation benchmarks (issue 3): DynamoDB calls and consumed capacity of send-message,
 * list-conversations, a history page and search, at two history sizes (the history page and
 * search must cost the same at 1,000 and 100,000 stored messages), plus WebSocket fan-out
 * latency to 50 connected clients through the local runtime.
 *
 * Used by the bench runner (`runConversationBenchmarks`), or on its own:
 *   npx tsx bench/conversations.ts            (spawns a local runtime on free ports)
 *   BENCH_CONV_SIZES=1000,20000 npx tsx bench/conversations.ts
 * It prints the figures and merges them into bench/results.json under "conversations".
 *
 * Capacity comes from DynamoDB Local's ReturnConsumedCapacity=TOTAL, requested on every call by
 * a middleware on the shared DynamoDB client, so the figures are those of the very code the
 * handlers run (the service functions are called directly, minus HTTP).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConversationItem } from '../shared/conversations/entities/conversation';

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

export interface Cost {
  readonly calls: number;
  readonly byOperation: Record<string, number>;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly capacityUnits: number;
  readonly ms: number;
}

/** Counts DynamoDB calls and consumed capacity on a client (installed once). */
export function instrument(client: DynamoDBDocumentClient) {
  let calls: Record<string, number> = {};
  let read = 0;
  let write = 0;
  let total = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const operation = context.commandName ?? 'unknown';
      calls[operation] = (calls[operation] ?? 0) + 1;
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        total += c.CapacityUnits ?? 0;
        read += c.ReadCapacityUnits ?? 0;
        write += c.WriteCapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  return {
    async measure(run: () => Promise<unknown>): Promise<Cost> {
      calls = {};
      read = 0;
      write = 0;
      total = 0;
      const started = performance.now();
      await run();
      const ms = Math.round(performance.now() - started);
      const count = Object.values(calls).reduce((a, b) => a + b, 0);
      return {
        calls: count,
        byOperation: { ...calls },
        readUnits: read,
        writeUnits: write,
        capacityUnits: total,
        ms,
      };
    },
  };
}

const SEARCH_WORD = 'hello';

/**
 * Seeds `count` messages into a conversation straight through BatchWriteItem: the message items
 * and the reader's search-index entries of SEARCH_WORD (the only index partitions the measured
 * search reads), so 100,000 messages seed in minutes on DynamoDB Local.
 */
export async function seedMessages(conv: ConversationItem, readerId: string, count: number): Promise<void> {
  const { db } = await import('../shared/db/service');
  const { newMessageId } = await import('../shared/conversations/ids');
  const { indexKeys } = await import('../shared/conversations/tokenizer');
  const sender = conv.participants[1]!;
  const keys = indexKeys(SEARCH_WORD);
  const chunk = 500;
  for (let offset = 0; offset < count; offset += chunk) {
    const size = Math.min(chunk, count - offset);
    const base = Date.now() - (count - offset) * 1000;
    const messages = Array.from({ length: size }, (_, i) => {
      const at = base + i * 1000;
      return {
        conversationId: conv.conversationId,
        messageId: newMessageId(at),
        sender: { userId: sender.userId, username: sender.username },
        body: `${SEARCH_WORD} world number ${offset + i}`,
        mentions: [],
        attachments: [],
        status: 'delivered' as const,
        createdAt: new Date(at).toISOString(),
      };
    });
    const tokens = messages.flatMap((m) =>
      keys.map((token) => ({
        userId: readerId,
        token,
        messageId: m.messageId,
        conversationId: m.conversationId,
      })),
    );
    const [a, b] = await Promise.all([
      db().entities.message.put(messages).go({ concurrency: 8 }),
      db().entities.searchToken.put(tokens).go({ concurrency: 8 }),
    ]);
    if (a.unprocessed.length + b.unprocessed.length > 0) throw new Error('Seeding left items unprocessed');
  }
}

/** A user record and its username claim, straight into the table (no Cognito needed here). */
async function seedUser(label: string): Promise<{ userId: string; username: string }> {
  const { db } = await import('../shared/db/service');
  const unique = randomUUID().replaceAll('-', '').slice(0, 12);
  const userId = `usr_${randomUUID().replaceAll('-', '')}`;
  const username = `${label}_${unique}`.slice(0, 30);
  await db()
    .entities.user.create({ userId, email: `${username}@bench.test`, username })
    .go();
  await db().entities.uniqueClaim.create({ kind: 'username', value: username, userId }).go();
  return { userId, username };
}

export interface SizeResult {
  readonly storedMessages: number;
  readonly historyPage: Cost;
  readonly search: Cost;
}

export interface ConversationBenchResult {
  readonly sendMessage: Cost;
  readonly listConversations: Cost;
  readonly bySize: SizeResult[];
  readonly fanout?: FanoutResult;
  readonly notes: string[];
}

/** Data-layer figures; needs process.env pointing at a runtime's emulators. */
export async function dataLayerBenchmarks(
  sizes: readonly number[],
): Promise<Omit<ConversationBenchResult, 'fanout'>> {
  const { dynamo } = await import('../shared/db/client');
  const service = await import('../shared/conversations/service');
  const { postMessage } = await import('../shared/conversations/send');
  const { searchMessages } = await import('../shared/conversations/search');
  const meter = instrument(dynamo());

  const alice = await seedUser('alice');
  const bob = await seedUser('bob');
  for (let i = 0; i < 30; i++) {
    const other = await seedUser(`peer${i}`);
    await service.createConversation(alice.userId, { participants: [{ username: other.username }] });
  }
  const created = await service.createConversation(alice.userId, {
    participants: [{ username: bob.username }],
  });
  const conv = (await service.conversationOf(alice.userId, created.id))!;

  await postMessage({ userId: alice.userId }, conv.conversationId, { body: 'warm-up' });
  const sendMessage = await meter.measure(() =>
    postMessage({ userId: alice.userId }, conv.conversationId, {
      body: 'Are we still on for lunch at noon tomorrow?',
    }),
  );
  const listConversations = await meter.measure(() =>
    service.listConversations(alice.userId, { archived: false, limit: 20 }),
  );

  const bySize: SizeResult[] = [];
  let stored = 2;
  for (const size of [...sizes].sort((a, b) => a - b)) {
    await seedMessages(conv, alice.userId, size - stored);
    stored = size;
    // A page from the middle of the history (the cursor of page 10).
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      cursor =
        (await service.listMessages(alice.userId, conv.conversationId, { limit: 50, cursor })).nextCursor ??
        undefined;
    }
    const historyPage = await meter.measure(() =>
      service.listMessages(alice.userId, conv.conversationId, { limit: 50, cursor }),
    );
    const search = await meter.measure(() => searchMessages(alice.userId, { q: SEARCH_WORD, limit: 20 }));
    bySize.push({ storedMessages: size, historyPage, search });
  }
  return {
    sendMessage,
    listConversations,
    bySize,
    notes: [
      'sendMessage: GetItem (conversation, authorization) + TransactWriteItems (message, conversation, 2 list rows) + BatchWriteItem (search index: readers x word prefixes) + Query per reader (their sockets).',
      'historyPage: GetItem (conversation) + one Query of limit+2 items, whatever the history size.',
      'search: one index Query (limit+1 entries) + one BatchGetItem of the hits, whatever the number of stored messages.',
    ],
  };
}

export interface FanoutResult {
  readonly clients: number;
  readonly messages: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * WebSocket fan-out through the local gateway: one conversation of `clients` users, one socket
 * each; the time from sending a message (HTTP POST) to each socket receiving message.created.
 */
export async function fanoutBenchmark(clients = 50, messages = 20): Promise<FanoutResult> {
  const { signedInUser } = await import('../test/integration/helpers/session');
  const { connectWs } = await import('../test/integration/helpers/ws');
  const { api } = await import('../test/integration/helpers/api');
  const users = [];
  for (let i = 0; i < clients; i += 10) {
    users.push(
      ...(await Promise.all(Array.from({ length: Math.min(10, clients - i) }, () => signedInUser('fan')))),
    );
  }
  const [owner, ...others] = users;
  const created = await api.post<{ id: string }>(
    '/v1/conversations',
    { participants: others.map((u) => ({ username: u.username })) },
    { token: owner!.accessToken },
  );
  if (created.status !== 201)
    throw new Error(`create conversation answered ${created.status}: ${created.text}`);
  const sockets = await Promise.all(users.map((u) => connectWs(u.accessToken)));
  const latencies: number[] = [];
  const run = randomUUID().slice(0, 8);
  try {
    for (let m = 0; m < messages; m++) {
      const body = `fan-out check number ${m} of run ${run}`;
      const started = performance.now();
      const arrivals = sockets.map((s) =>
        s
          .waitFor((e) => (e as { message?: { body?: string } }).message?.body === body, 30_000)
          .then(() => latencies.push(performance.now() - started)),
      );
      const sent = await api.post(
        `/v1/conversations/${created.json.id}/messages`,
        { body },
        { token: owner!.accessToken },
      );
      if (sent.status !== 201) throw new Error(`send answered ${sent.status}`);
      await Promise.all(arrivals);
    }
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  return { clients, messages, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round(latencies.at(-1)!) };
}

/** Everything, against the runtime whose env is already in process.env. */
export async function runConversationBenchmarks(
  options: { sizes?: readonly number[]; fanoutClients?: number } = {},
): Promise<ConversationBenchResult> {
  const data = await dataLayerBenchmarks(options.sizes ?? [1000, 100_000]);
  const fanout = await fanoutBenchmark(options.fanoutClients ?? 50);
  return { ...data, fanout };
}

async function main(): Promise<void> {
  const { spawnRuntime } = await import('../local/spawn-runtime');
  const sizes = (process.env.BENCH_CONV_SIZES ?? '1000,100000').split(',').map(Number);
  const dataDir = mkdtempSync(join(tmpdir(), 'smsproj-bench-'));
  const runtime = await spawnRuntime({ dataDir, timeoutMs: 120_000, env: { LOG_LEVEL: 'WARN' } });
  try {
    Object.assign(process.env, runtime.ready.env, { LOG_LEVEL: 'WARN' });
    const result = await runConversationBenchmarks({ sizes });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const file = join(__dirname, 'results.json');
    const previous = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
      : {};
    writeFileSync(file, `${JSON.stringify({ ...previous, conversations: result }, null, 2)}\n`);
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
