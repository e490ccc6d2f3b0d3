/**
 * Conversation benchmarks (issue 3): DynamoDB calls and consumed capacity of send-message,
 * list-conversations, a history page and search, at two history sizes (the history page and
 * search must cost the same at 1,000 and 100,000 stored messages), plus WebSocket fan-out
 * latency to 50 connected clients through the local runtime.
 *
 * Used by the bench runner (`runConversationBenchmarks`), or on its own:
 *   npx tsx bench/suites/conversations.ts            (spawns a local runtime on free ports)
 *   BENCH_CONV_SIZES=1000,20000 npx tsx bench/suites/conversations.ts
 * It prints the figures and merges them into bench/results.json under "conversations".
 *
 * Capacity comes from the harness meter (./capacity.ts: ReturnConsumedCapacity on every call of
 * the shared DynamoDB client, transactional writes corrected), so the figures are those of the
 * very code the handlers run (the service functions are called directly, minus HTTP).
 */
import { randomUUID } from 'node:crypto';
import type { ConversationItem } from '../../shared/conversations/entities/conversation';
import {
  type Cost,
  itemOfEntity,
  main,
  runStandalone,
  seedItems,
  seedUser,
  sharedMeter,
} from '../harness/index';

export type { Cost } from '../harness/index';
/** The capacity meter lives in the shared harness; re-exported for the other context benchmarks. */
export { instrument } from '../harness/index';

const SEARCH_WORD = 'hello';

/**
 * Seeds `count` messages into a conversation through the data layer's items and BatchWriteItem
 * (./harness.ts `seedItems`): the message items and the reader's search-index entries of
 * SEARCH_WORD under its word head (the only index partition the measured search reads).
 */
export async function seedMessages(conv: ConversationItem, readerId: string, count: number): Promise<void> {
  const { db } = await import('../../shared/platform/db/service');
  const { newMessageId } = await import('../../shared/conversations/ids');
  const { indexEntries } = await import('../../shared/conversations/tokenizer');
  const sender = conv.participants[1]!;
  const [entry] = indexEntries(SEARCH_WORD);
  const base = Date.now() - count * 1000;
  const ids = Array.from({ length: count }, (_, i) => newMessageId(base + i * 1000));
  await seedItems(itemOfEntity(db().entities.message), count, (i) => ({
    conversationId: conv.conversationId,
    messageId: ids[i]!,
    sender: { userId: sender.userId, username: sender.username },
    body: `${SEARCH_WORD} world number ${i}`,
    mentions: [],
    attachments: [],
    status: 'delivered',
    createdAt: new Date(base + i * 1000).toISOString(),
  }));
  await seedItems(itemOfEntity(db().entities.searchToken), count, (i) => ({
    scope: readerId,
    token: entry!.head,
    words: entry!.words,
    messageId: ids[i]!,
    conversationId: conv.conversationId,
  }));
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
  const service = {
    ...(await import('../../shared/conversations/service/conversations')),
    ...(await import('../../shared/conversations/service/history')),
    ...(await import('../../shared/conversations/service/messages')),
    ...(await import('../../shared/conversations/service/participation')),
  };
  const { postMessage } = await import('../../shared/conversations/send');
  const { searchMessages } = await import('../../shared/conversations/search');
  const meter = await sharedMeter();

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
      'sendMessage: GetItem (conversation, authorization) + TransactWriteItems (message, conversation, 2 list rows) + BatchWriteItem (search index: readers x word heads, one entry per distinct first two letters) + Query per reader (their sockets).',
      'historyPage: GetItem (conversation) + one Query of limit+2 items, whatever the history size.',
      "search: the caller's group scopes (one Query) + one index Query per scope (limit+1 entries) + one BatchGetItem of the hits, whatever the number of stored messages.",
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
  const { signedInUser } = await import('../../test/integration/helpers/session');
  const { connectWs } = await import('../../test/integration/helpers/ws');
  const { api } = await import('../../test/integration/helpers/api');
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

if (require.main === module) {
  const sizes = (process.env.BENCH_CONV_SIZES ?? '1000,100000').split(',').map(Number);
  main(() => runStandalone('conversations', () => runConversationBenchmarks({ sizes })));
}
