import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * Messages sent from one number to one recipient within one UTC minute, incremented with a
 * conditional ADD (at most SMS_PER_RECIPIENT_MINUTE). Stops two bots texting each other in a
 * loop. Expires by TTL shortly after its minute.
 */
export const SmsSendWindow = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'smsSendWindow', version: '1' },
  attributes: {
    from: { type: 'string', required: true, readOnly: true },
    to: { type: 'string', required: true, readOnly: true },
    /** `2026-12-04T15:41` (the minute, UTC). */
    minute: { type: 'string', required: true, readOnly: true },
    count: { type: 'number', default: 0 },
    ttl: { type: 'number' },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['from', 'to'] },
      sk: { field: 'sk', composite: ['minute'] },
    },
  },
});
export type SmsSendWindowItem = EntityItem<typeof SmsSendWindow>;
