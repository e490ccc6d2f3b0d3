// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
import { Entity, type EntityItem } from 'electrodb';
import { SERVICE_NAME } from '../../db/schema';

/**
 * "This pool number is held by that verification." The lease is the allocation lock: it is
 * created with `attribute_not_exists` in the transaction that creates the verification and
 * charges the user, so two concurrent requests can never hold the same number, and it is
 * deleted (conditionally on `verificationId`) in the transaction of every terminal transition.
 * Indexes:
 * - `primary` (pk `vlease#<phoneNumber>`): inbound SMS find their request with one GetItem.
 * - `byCountry` (gsi1: pk `vleases`, sk `<country>#<phoneNumber>`): every held number in one
 *   Query, so allocation tries only numbers that look free. The index is a hint (eventually
 *   consistent); the conditional create above is what decides.
 */
export const PoolLease = new Entity({
  model: { service: SERVICE_NAME, entity: 'verificationPoolLease', version: '1' },
  attributes: {
    phoneNumber: { type: 'string', required: true, readOnly: true },
    country: { type: 'string', required: true, readOnly: true },
    verificationId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    service: { type: 'string', required: true, readOnly: true },
    expiresAt: { type: 'string', required: true, readOnly: true },
    leasedAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['phoneNumber'], template: 'vlease#${phoneNumber}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'lease', casing: 'none' },
    },
    byCountry: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [], template: 'vleases', casing: 'none' },
      sk: {
        field: 'gsi1sk',
        composite: ['country', 'phoneNumber'],
        template: '${country}#${phoneNumber}',
        casing: 'none',
      },
    },
  },
});
export type PoolLeaseItem = EntityItem<typeof PoolLease>;
