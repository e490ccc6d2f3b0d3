import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * Who runs a message's post-commit effects (search indexing, WebSocket fan-out, receipts): the
 * request that stored it (`inline`, the fast path) or the outbox consumer (`consumer`), claimed
 * with a conditional write so they run once in the common case; `done` once they succeeded.
 * A claim older than a lease is taken over, so a request that died mid-way is healed by the
 * consumer. Kept a day (the stream keeps records 24 h).
 */
export const MessageEffects = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'messageEffects', version: '1' },
  attributes: {
    messageId: { type: 'string', required: true, readOnly: true },
    state: { type: ['inline', 'consumer', 'done'] as const, required: true },
    claimedAt: { type: 'number', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['messageId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type MessageEffectsItem = EntityItem<typeof MessageEffects>;
