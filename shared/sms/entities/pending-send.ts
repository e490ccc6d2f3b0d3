import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * Outbox row of an outbound SMS: written in the SAME transaction as the `queued` message and
 * its charge, deleted by the send worker once the carrier answered (sent or refused). The
 * `redrive-sms` job re-enqueues rows older than a few minutes, so a message whose enqueue (or
 * any follow-up work) failed after the commit is still sent or failed-and-refunded, never left
 * `queued`. Rows sort by `queuedAt`, so a run reads only the due ones.
 */
export const SmsPendingSend = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'smsPendingSend', version: '1' },
  attributes: {
    /** A constant partition: the rows are few (in flight only) and short-lived. */
    queue: { type: 'string', required: true, readOnly: true, default: 'outbound' },
    queuedAt: { type: 'string', required: true, readOnly: true },
    messageId: { type: 'string', required: true, readOnly: true },
    conversationId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    from: { type: 'string', required: true },
    to: { type: 'string', required: true },
    body: { type: 'string', required: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['queue'] },
      sk: { field: 'sk', composite: ['queuedAt', 'messageId'] },
    },
  },
});
export type SmsPendingSendItem = EntityItem<typeof SmsPendingSend>;
