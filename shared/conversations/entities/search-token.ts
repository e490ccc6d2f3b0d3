import { Entity, type EntityItem } from 'electrodb';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * The per-user search index: one item per (reader, word prefix, message). The partition is
 * the reader plus the exact prefix ("he", "hel", "hell", "hello"), the sort key the message id,
 * so a search term is ONE Query on one partition, newest first, with keyset pagination on the
 * message id. Its cost depends on how many of the reader's messages match, never on how many
 * messages exist. Because every key is a (user, prefix) pair, writes spread over many
 * partitions instead of heating one per user.
 */
export const SearchToken = new Entity({
  model: { service: SERVICE_NAME, entity: 'searchToken', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    token: { type: 'string', required: true, readOnly: true },
    messageId: { type: 'string', required: true, readOnly: true },
    conversationId: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['userId', 'token'] },
      sk: { field: 'sk', composite: ['messageId'] },
    },
  },
});
export type SearchTokenItem = EntityItem<typeof SearchToken>;
