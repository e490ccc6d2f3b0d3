// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * "This pool number was last rented for this service by that user" (one item per (number,
 * service) pair): the 30-day rule and the report burn (../shared/API.md, "v1.1 Verification
 * integrity"). Allocation writes it in the transaction that creates the lease, conditionally:
 * the pair is new, or it was last rented by the same user, or more than 30 days ago, and it is
 * not burnt. A report sets `burntAt` in the transaction that cancels and refunds the request,
 * so the pair is never rented again for that service, to anyone.
 * Indexes:
 * - `primary` (pk `vuse#<phoneNumber>`, sk `<service>`): the conditional write, one item.
 * - `byService` (gsi3: pk `vuses#<service>`, sk `<phoneNumber>`): every number used for a
 *   service in one Query, so allocation skips numbers it cannot win without reading the pool's
 *   history item by item. Like the lease index it is a hint; the condition decides.
 */
export const NumberServiceUse = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'verificationNumberServiceUse', version: '1' },
  attributes: {
    phoneNumber: { type: 'string', required: true, readOnly: true },
    service: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true },
    verificationId: { type: 'string', required: true },
    leasedAt: { type: 'string', required: true },
    /** Set by a report: the pair is never rented again. */
    burntAt: { type: 'string' },
    burntReason: { type: 'string' },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['phoneNumber'], template: 'vuse#${phoneNumber}', casing: 'none' },
      sk: { field: 'sk', composite: ['service'], template: '${service}', casing: 'none' },
    },
    byService: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['service'], template: 'vuses#${service}', casing: 'none' },
      sk: { field: 'gsi3sk', composite: ['phoneNumber'], template: '${phoneNumber}', casing: 'none' },
    },
  },
});
export type NumberServiceUseItem = EntityItem<typeof NumberServiceUse>;
