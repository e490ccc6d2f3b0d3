import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * At-most-once markers for SMS processing. Carriers and queues deliver at least once:
 * - `inbound`: one per End User Messaging `inboundMessageId`; a repeated delivery is dropped.
 * - `outbound`: one per message handed to the carrier; a redelivered queue message is not sent twice.
 * Created conditionally (`attribute_not_exists`), deleted again if processing fails so a retry can
 * redo it, and expired by TTL after a week.
 */
export const SmsDedupe = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'smsDedupe', version: '1' },
  attributes: {
    kind: { type: ['inbound', 'outbound'] as const, required: true, readOnly: true },
    id: { type: 'string', required: true, readOnly: true },
    at: { type: 'string', required: true },
    /** Outbound only: what the carrier answered, so a redelivered job re-applies it instead of resending. */
    outcome: { type: ['sending', 'retry', 'sent', 'failed'] as const },
    /** Outbound, failed: the carrier's reason. */
    errorCode: { type: 'string' },
    /** Outbound only: body chunks the carrier accepted, so a retry resends only the rest. */
    chunksSent: { type: 'number' },
    /** Outbound only: the carrier's id of the first accepted chunk. */
    carrierMessageId: { type: 'string' },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['kind', 'id'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type SmsDedupeItem = EntityItem<typeof SmsDedupe>;
