import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { createdAtAttribute, SERVICE_NAME, updatedAtAttribute } from '../../platform/db/schema';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one endpoint, with its attempt log. Indexes:
 * - `primary` (pk `endpointId`, sk `deliveryId`): the endpoint's delivery log, newest first
 *   (delivery ids are ULIDs). `deliveryId` derives from (event id, endpoint id), so routing the
 *   same stream record twice creates it once.
 * - `byDue` (gsi2: pk `dueShard`, sk `nextAttemptAt`), only while `pending`: the
 *   `deliver-webhooks` job's work list for retries (SQS delays reach 15 minutes, retries wait
 *   up to hours). A Query per shard reads the due deliveries only; never a Scan. Every status
 *   write sets status, dueShard and nextAttemptAt together so ElectroDB re-evaluates the condition.
 */
export const WebhookDelivery = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'webhookDelivery', version: '1' },
  attributes: {
    endpointId: { type: 'string', required: true, readOnly: true },
    deliveryId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    type: { type: 'string', required: true, readOnly: true },
    /** The exact JSON body POSTed (signed per attempt with the attempt's timestamp). */
    payload: { type: 'string', required: true, readOnly: true },
    status: { type: DELIVERY_STATUSES, required: true },
    attempts: { type: 'number', required: true, default: 0 },
    lastStatusCode: { type: 'number' },
    lastError: { type: 'string' },
    lastAttemptAt: { type: 'string' },
    nextAttemptAt: { type: 'string' },
    dueShard: { type: 'string', required: true },
    createdAt: createdAtAttribute,
    updatedAt: updatedAtAttribute,
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['endpointId'] },
      sk: { field: 'sk', composite: ['deliveryId'] },
    },
    byDue: {
      index: 'gsi2',
      condition: (attr) => attr.status === 'pending',
      pk: { field: 'gsi2pk', composite: ['dueShard'], template: 'whdue#${dueShard}', casing: 'none' },
      sk: { field: 'gsi2sk', composite: ['nextAttemptAt'], template: '${nextAttemptAt}', casing: 'none' },
    },
  },
});
export type WebhookDeliveryItem = EntityItem<typeof WebhookDelivery>;
