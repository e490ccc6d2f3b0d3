import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * The search index: one item per (scope, word head, message). The scope is the reader's user id
 * for conversations of up to INDEX_PER_READER_UP_TO users, and the conversation id for larger
 * groups, whose messages are indexed once and found through each member's SearchScope items.
 * The partition is the scope plus the word head (a word's first two letters), the sort key the
 * message id, so a search term is ONE Query per scope, newest first, with keyset pagination on
 * the message id; `words` lists the message's words under that head (first 10 letters each), so
 * entries of other words sharing the head are skipped without reading their message.
 *
 * Entries written before the word lists existed (one per reader and word prefix of 2–10 letters,
 * no `words`) keep working: their two-letter ones sit in the same partitions and are verified on
 * the message text; the longer-prefix ones are no longer read.
 */
export const SearchToken = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'searchToken', version: '1' },
  attributes: {
    /** A user id or a conversation id; stored and keyed as `userId`, as before scopes existed. */
    scope: { type: 'string', required: true, readOnly: true, field: 'userId', label: 'userId' },
    token: { type: 'string', required: true, readOnly: true },
    messageId: { type: 'string', required: true, readOnly: true },
    conversationId: { type: 'string', required: true, readOnly: true },
    words: { type: 'string', readOnly: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['scope', 'token'] },
      sk: { field: 'sk', composite: ['messageId'] },
    },
  },
});
export type SearchTokenItem = EntityItem<typeof SearchToken>;

/**
 * A user's access to a shared (per-conversation) search index: one item per group conversation
 * with more than INDEX_PER_READER_UP_TO users that the user participates in. Participants never
 * change after creation, so the items are written once, before the first entry of the group's
 * shared index. A search reads the user's items (one Query) and queries each listed
 * conversation's partition besides the user's own.
 */
export const SearchScope = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'searchScope', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    conversationId: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['userId'] },
      sk: { field: 'sk', composite: ['conversationId'] },
    },
  },
});
export type SearchScopeItem = EntityItem<typeof SearchScope>;
