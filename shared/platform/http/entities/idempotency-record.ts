import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../db/model-entity';
import { SERVICE_NAME } from '../../db/schema';

/** One Idempotency-Key use: the request's body hash and, once done, the response to replay (24 h TTL). */
export const IdempotencyRecord = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'idempotencyRecord', version: '1' },
  attributes: {
    id: { type: 'string', required: true },
    bodyHash: { type: 'string', required: true },
    status: { type: ['in_progress', 'completed'] as const, required: true },
    lockExpiresAt: { type: 'number', required: true },
    statusCode: { type: 'number' },
    responseHeaders: { type: 'string' },
    responseBody: { type: 'string' },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type IdempotencyRecordItem = EntityItem<typeof IdempotencyRecord>;
