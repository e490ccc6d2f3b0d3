import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * A live WebSocket connection. `$disconnect` is best effort in API Gateway, so records also
 * expire with the 2 h connection cap (TTL), and a 410 from postToConnection deletes them.
 * `byUser` (gsi1) finds every socket of a user for fan-out.
 */
export const Connection = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'connection', version: '1' },
  attributes: {
    connectionId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    connectedAt: { type: 'string', required: true, readOnly: true },
    /**
     * The login session the socket was opened with (`oj:<origin_jti>` in AWS, `ses:<id>` from
     * the platform's token link, or `at:<jti>`): logout closes exactly that session's sockets.
     */
    sessionKey: { type: 'string', readOnly: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['connectionId'] },
      sk: { field: 'sk', composite: [] },
    },
    byUser: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['userId'] },
      sk: { field: 'gsi1sk', composite: ['connectionId'] },
    },
  },
});
export type ConnectionItem = EntityItem<typeof Connection>;
