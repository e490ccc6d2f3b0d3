import * as z from 'zod';
import { db } from './db';
import { validationFailed } from '../platform/http/errors';
import { decodeCursor, encodeCursor } from './cursor';
import { MESSAGE_ID } from './ids';
import { messagesByKey } from './search-index';
import { requireParticipant, type Page } from './service';
import { highlight, lookupKey, MAX_PREFIX, matchesAll, queryTerms } from './tokenizer';
import { type Message, toMessage } from './views';

export interface SearchHit {
  readonly message: Message;
  readonly conversationId: string;
  readonly highlight: string;
}

/** Index pages one search request may read: bounds its cost whatever the data. */
const MAX_INDEX_PAGES = 5;
const INDEX_PAGE_SIZE = 100;

/**
 * GET /v1/messages/search. The caller's own index partition for the most selective term
 * (the longest) is read newest first; the other terms, and a term longer than the indexed
 * prefix, are checked against the message text. One Query per index page, at most
 * MAX_INDEX_PAGES pages, so the cost depends on matches, never on the number of messages.
 * A page may hold fewer than `limit` items when many candidates fail the other terms;
 * `nextCursor` then continues where the scan stopped. Archived conversations stay searchable.
 */
export async function searchMessages(
  userId: string,
  options: { q: string; conversationId?: string; limit: number; cursor?: string },
): Promise<Page<SearchHit>> {
  const terms = queryTerms(options.q);
  if (terms.length === 0) {
    throw validationFailed([
      { path: 'query.q', message: 'Search for at least one word of 2 or more letters.' },
    ]);
  }
  if (options.conversationId) await requireParticipant(userId, options.conversationId);
  const position = decodeCursor('search', options.cursor, { m: z.string().regex(MESSAGE_ID) });

  const length = (term: string) => [...term].length;
  const driver = terms.reduce((best, term) => (length(term) > length(best) ? term : best));
  const token = lookupKey(driver);
  // With one term fully covered by the index every entry is a hit: read just one more than needed.
  const exact = terms.length === 1 && length(driver) <= MAX_PREFIX && !options.conversationId;
  const pageSize = exact ? options.limit + 1 : INDEX_PAGE_SIZE;

  const hits: Array<{ message: Message; conversationId: string }> = [];
  let after = position?.m;
  let more = true;
  for (let page = 0; page < MAX_INDEX_PAGES && hits.length < options.limit && more; page++) {
    const query = db().entities.searchToken.query.primary({ userId, token });
    const { data, cursor } = await (after ? query.lt({ messageId: after }) : query).go({
      order: 'desc',
      limit: pageSize,
    });
    const wanted = data.filter((e) => !options.conversationId || e.conversationId === options.conversationId);
    const messages = await messagesByKey(
      wanted.slice(0, exact ? options.limit - hits.length : wanted.length),
    );
    more = cursor !== null;
    for (const entry of data) {
      if (hits.length >= options.limit) {
        more = true;
        break;
      }
      after = entry.messageId;
      const item = messages.get(entry.messageId);
      if (!item || !matchesAll(item.body, terms)) continue;
      hits.push({ message: await toMessage(item), conversationId: entry.conversationId });
    }
  }
  return {
    items: hits.map((h) => ({ ...h, highlight: highlight(h.message.body, terms) })),
    nextCursor: more && after ? encodeCursor('search', { m: after }) : null,
  };
}
