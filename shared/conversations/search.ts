import * as z from '../platform/zod';
import { sleep } from '../platform/async';
import { db } from './search-db';
import { ValidationFailed } from '../platform/errors';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import type { MessageItem } from './entities/message';
import type { SearchTokenItem } from './entities/search-token';
import { MESSAGE_ID } from './ids';
import { indexedOnce } from './search-index';
import { requireParticipant } from './service/participation';
import { entryHolds, headOf, highlight, MAX_PREFIX, matchesAll, queryTerms } from './tokenizer';
import { type Message, toMessage } from './views';

export interface SearchHit {
  readonly message: Message;
  readonly conversationId: string;
  readonly highlight: string;
}

/** Index rounds one search request may read: bounds its cost whatever the data. */
const MAX_INDEX_ROUNDS = 5;
/** Entries read per index partition in the rounds after the first. */
const INDEX_PAGE_SIZE = 100;

/**
 * The index partitions (scopes) a search reads: the caller's own and those of the groups indexed
 * once that they belong to (their SearchScope items). With `conversationId`, only where that
 * conversation's entries are (a group's own partition, plus the caller's for entries written
 * before the group was indexed once).
 */
async function scopesOf(userId: string, conversationId?: string): Promise<string[]> {
  if (conversationId) {
    const conv = await requireParticipant(userId, conversationId);
    return indexedOnce(conv) ? [userId, conversationId] : [userId];
  }
  const { data } = await db().entities.searchScope.query.primary({ userId }).go({ pages: 'all' });
  return [userId, ...data.map((s) => s.conversationId)];
}

/**
 * GET /v1/messages/search. For the most selective term (the longest) every scope's partition of
 * its head (first two letters) is read newest first and merged by message id; entries whose word
 * list holds no word starting with the term are skipped, the rest are read (BatchGetItem) and
 * checked against every term. One Query per scope and round, at most MAX_INDEX_ROUNDS rounds, so
 * the cost depends on matches and on the caller's groups, never on the number of messages.
 * A page may hold fewer than `limit` items when many candidates fail; `nextCursor` then continues
 * where the scan stopped. Archived conversations stay searchable.
 */
export async function searchMessages(
  userId: string,
  options: { q: string; conversationId?: string; limit: number; cursor?: string },
): Promise<Page<SearchHit>> {
  const terms = queryTerms(options.q);
  if (terms.length === 0) {
    throw new ValidationFailed([
      { path: 'query.q', message: 'Search for at least one word of 2 or more letters.' },
    ]);
  }
  const scopes = await scopesOf(userId, options.conversationId);
  const position = decodeCursor('search', options.cursor, { m: z.string().check(z.regex(MESSAGE_ID)) });

  const length = (term: string) => [...term].length;
  const driver = terms.reduce((best, term) => (length(term) > length(best) ? term : best));
  const token = headOf(driver);
  // One term the entries' word lists decide alone: an entry that holds it is a hit.
  const certain = terms.length === 1 && length(driver) <= MAX_PREFIX;
  const wanted = (e: SearchTokenItem) =>
    (!options.conversationId || e.conversationId === options.conversationId) &&
    // Entries from before the word lists are checked on the message text.
    (e.words === undefined || entryHolds(e.words, driver));

  const hits: Array<{ message: Message; conversationId: string }> = [];
  // A group message with entries from before groups were indexed once, and re-indexed since, counts once.
  const seen = new Set<string>();
  let after = position?.m;
  let open = [...scopes];
  let more = true;
  for (let round = 0; round < MAX_INDEX_ROUNDS && hits.length < options.limit && more; round++) {
    const limit = round === 0 ? options.limit + 1 : INDEX_PAGE_SIZE;
    const pages = await Promise.all(
      open.map(async (scope) => {
        const query = db().entities.searchToken.query.primary({ scope, token });
        const { data, cursor } = await (after ? query.lt({ messageId: after }) : query).go({
          order: 'desc',
          limit,
        });
        return { scope, data, done: cursor === null };
      }),
    );
    // Merged newest first: only down to the highest point a partition with more left was read to.
    const unfinished = pages.filter((p) => !p.done);
    const frontier = unfinished.reduce<string | undefined>((top, p) => {
      const last = p.data.at(-1)?.messageId;
      return last !== undefined && (top === undefined || last > top) ? last : top;
    }, undefined);
    const entries = pages
      .flatMap((p) => p.data)
      .filter((e) => frontier === undefined || e.messageId >= frontier)
      .sort((a, b) => (a.messageId < b.messageId ? 1 : -1));
    open = unfinished.map((p) => p.scope);
    more = open.length > 0;

    const candidates = entries.filter(wanted);
    const needed = options.limit - hits.length;
    // When every candidate is a sure hit, only as many messages as the page still needs are read.
    const keys = candidates
      .slice(0, certain && candidates.every((e) => e.words !== undefined) ? needed : candidates.length)
      .map(({ conversationId, messageId }) => ({ conversationId, messageId }));
    const fetched = new Set(keys.map((k) => k.messageId));
    const messages = await messagesByKey(keys);
    let consumed = 0;
    for (const entry of entries) {
      if (hits.length >= options.limit || (wanted(entry) && !fetched.has(entry.messageId))) break;
      consumed++;
      after = entry.messageId;
      const item = messages.get(entry.messageId);
      if (!item || !wanted(entry) || seen.has(item.messageId) || !matchesAll(item.body, terms)) continue;
      seen.add(item.messageId);
      hits.push({ message: await toMessage(item), conversationId: entry.conversationId });
    }
    if (consumed < entries.length) more = true;
    else if (frontier !== undefined) after = frontier;
  }
  return {
    items: hits.map((h) => ({ ...h, highlight: highlight(h.message.body, terms) })),
    nextCursor: more && after ? encodeCursor('search', { m: after }) : null,
  };
}

/** BatchGetItem rounds before unprocessed keys are an error. */
const MAX_ATTEMPTS = 4;

/** Reads messages by key (BatchGetItem), retrying unprocessed keys; returns them by message id. */
async function messagesByKey(
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
    await sleep(50 * 2 ** attempt);
  }
  return found;
}
