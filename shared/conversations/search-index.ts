import { db } from './db';
import { failIfArmed } from '../platform/observability/faults';
import type { MessageItem } from './entities/message';
import type { SearchTokenItem } from './entities/search-token';
import { indexKeys } from './tokenizer';

/** BatchWriteItem calls in flight per indexed message. */
const WRITE_CONCURRENCY = 4;
const MAX_ATTEMPTS = 4;

/**
 * Writes a message into the search index of every user who can read it. Write cost:
 * (user participants) × (distinct word prefixes of the body, at most MAX_KEYS_PER_MESSAGE)
 * small items, in BatchWriteItem calls of 25. Runs after the message transaction (an index
 * entry can never point at a message that does not exist); unprocessed items are retried with
 * backoff, and a persistent failure surfaces as an error rather than a silently unsearchable
 * message.
 */
export async function indexMessage(
  readerIds: readonly string[],
  conversationId: string,
  messageId: string,
  body: string,
): Promise<number> {
  failIfArmed('search-index', body);
  const keys = indexKeys(body);
  let pending: SearchTokenItem[] = readerIds.flatMap((userId) =>
    keys.map((token) => ({ userId, token, messageId, conversationId })),
  );
  const total = pending.length;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const { unprocessed } = await db()
      .entities.searchToken.put(pending)
      .go({ concurrency: WRITE_CONCURRENCY });
    if (unprocessed.length === 0) return total;
    if (attempt >= MAX_ATTEMPTS)
      throw new Error(`Search index write left ${unprocessed.length} items unprocessed`);
    const left = new Set(unprocessed.map((k) => `${k.userId}\u0000${k.token}\u0000${k.messageId}`));
    pending = pending.filter((item) => left.has(`${item.userId}\u0000${item.token}\u0000${item.messageId}`));
    await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
  }
  return total;
}

/** Reads messages by key (BatchGetItem), retrying unprocessed keys; returns them by message id. */
export async function messagesByKey(
  keys: ReadonlyArray<{ conversationId: string; messageId: string }>,
): Promise<Map<string, MessageItem>> {
  const found = new Map<string, MessageItem>();
  let pending = [...keys];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const { data, unprocessed } = await db().entities.message.get(pending).go({ concurrency: 2 });
    for (const item of data) found.set(item.messageId, item);
    if (unprocessed.length === 0) break;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchGet left ${unprocessed.length} messages unprocessed`);
    pending = unprocessed.map((k) => ({ conversationId: k.conversationId, messageId: k.messageId }));
    await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
  }
  return found;
}
