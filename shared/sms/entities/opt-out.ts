import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * A recipient who texted a CTIA opt-out keyword (STOP, ...) to a platform number: from then on
 * nothing may be sent from `phoneNumber` to `recipient` until they text START (the item is then
 * deleted). Keyed by the platform number, so `GET /v1/numbers/{phoneNumber}/opt-outs` is one
 * Query and the send check is one GetItem.
 */
export const SmsOptOut = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'smsOptOut', version: '1' },
  attributes: {
    /** The platform (owned) number the recipient opted out of. */
    phoneNumber: { type: 'string', required: true, readOnly: true },
    /** The recipient's number. */
    recipient: { type: 'string', required: true, readOnly: true },
    /** Owner of `phoneNumber` when the opt-out arrived. */
    userId: { type: 'string', required: true },
    keyword: { type: 'string', required: true },
    optedOutAt: { type: 'string', required: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['phoneNumber'] },
      sk: { field: 'sk', composite: ['recipient'] },
    },
  },
});
export type SmsOptOutItem = EntityItem<typeof SmsOptOut>;
