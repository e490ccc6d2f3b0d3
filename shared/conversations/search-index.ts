import { db } from './db';
import { sleep } from '../platform/async';
import { failIfArmed } from '../platform/observability/faults';
import type { ConversationItem } from './entities/conversation';
import { userIdsOf } from './service/participation';
import { indexEntries } from './tokenizer';

/** BatchWriteItem calls in flight per indexed message. */
const WRITE_CONCURRENCY = 4;
const MAX_ATTEMPTS = 4;

/**
 * Conversations of up to this many users are indexed per reader (each reader's search is then
 * one Query per term); larger groups are indexed once, under the conversation. So a message
 * writes at most INDEX_PER_READER_UP_TO × MAX_KEYS_PER_MESSAGE entries whatever the group size.
 */
export const INDEX_PER_READER_UP_TO = 3;

/** True when the conversation's messages are indexed once, under the conversation id. */
export const indexedOnce = (conv: Pick<ConversationItem, 'participants'>): boolean =>
  userIdsOf(conv).length > INDEX_PER_READER_UP_TO;

/** Puts items with BatchWriteItem, retrying unprocessed ones with backoff; throws when some stay unprocessed. */
async function putAll<T extends object>(
  put: (items: T[]) => { go(o: { concurrency: number }): Promise<{ unprocessed: object[] }> },
  items: T[],
  keyOf: (item: Record<string, unknown>) => string,
): Promise<void> {
  let pending = items;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const { unprocessed } = await put(pending).go({ concurrency: WRITE_CONCURRENCY });
    if (unprocessed.length === 0) return;
    if (attempt >= MAX_ATTEMPTS)
      throw new Error(`Search index write left ${unprocessed.length} items unprocessed`);
    const left = new Set(unprocessed.map((k) => keyOf(k as Record<string, unknown>)));
    pending = pending.filter((item) => left.has(keyOf(item as Record<string, unknown>)));
    await sleep(50 * 2 ** attempt);
  }
}

/**
 * Every member's SearchScope item of a group indexed once, written before the group's first
 * index entry and then remembered on the conversation (`searchScoped`), so later messages skip it.
 */
async function ensureScopes(conv: ConversationItem): Promise<void> {
  if (conv.searchScoped) return;
  const { conversationId } = conv;
  await putAll(
    (items) => db().entities.searchScope.put(items),
    userIdsOf(conv).map((userId) => ({ userId, conversationId })),
    (key) => String(key.userId),
  );
  await db()
    .entities.conversation.patch({ conversationId })
    .set({ searchScoped: true })
    .go({ response: 'none' });
}

/**
 * Writes a message into the search index: one entry per distinct word head of the body (at most
 * MAX_KEYS_PER_MESSAGE), under each reader's user id or, for a group of more than
 * INDEX_PER_READER_UP_TO users, once under the conversation id. Each entry is one small item
 * (one write unit), written with BatchWriteItem. Runs after the message transaction (an index
 * entry can never point at a message that does not exist); unprocessed items are retried with
 * backoff, and a persistent failure surfaces as an error rather than a silently unsearchable
 * message. Returns the number of entries written.
 */
export async function indexMessage(conv: ConversationItem, messageId: string, body: string): Promise<number> {
  failIfArmed('search-index', body);
  const { conversationId } = conv;
  const once = indexedOnce(conv);
  if (once) await ensureScopes(conv);
  const scopes = once ? [conversationId] : userIdsOf(conv);
  const entries = indexEntries(body);
  const items = scopes.flatMap((scope) =>
    entries.map(({ head, words }) => ({ scope, token: head, words, messageId, conversationId })),
  );
  await putAll(
    (batch) => db().entities.searchToken.put(batch),
    items,
    // Unprocessed keys may name the scope by its stored name (userId).
    (key) => [key.scope ?? key.userId, key.token, key.messageId].join('\u0000'),
  );
  return items.length;
}
