// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * "This pool number is held by that verification", or, once released, "it cools down until
 * `coolsUntil`". The lease is the allocation lock: it is put in the transaction that creates the
 * verification and charges the user, conditionally on the number being free (no lease, or a
 * released one whose cool-down is over; a reuse may also take its own user's cooling lease), so
 * two concurrent requests can never hold the same number. Every terminal transition rewrites it
 * (conditionally on `verificationId`) into a released lease with `releasedAt` and `coolsUntil`
 * in the transition's transaction: an SMS arriving during the cool-down reaches no one.
 * Indexes:
 * - `primary` (pk `vlease#<phoneNumber>`): inbound SMS find their request with one GetItem.
 * - `byCountry` (gsi1: pk `vleases`, sk `<country>#<phoneNumber>`): every held or cooling number in
 *   one Query, so allocation tries only numbers that look free. The index is a hint (eventually
 *   consistent); the conditional create above is what decides.
 */
export const PoolLease = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'verificationPoolLease', version: '1' },
  attributes: {
    phoneNumber: { type: 'string', required: true, readOnly: true },
    country: { type: 'string', required: true, readOnly: true },
    verificationId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    service: { type: 'string', required: true, readOnly: true },
    expiresAt: { type: 'string', required: true, readOnly: true },
    leasedAt: { type: 'string', required: true, readOnly: true },
    /** Set when the verification ended: the number is no longer held, only cooling down. */
    releasedAt: { type: 'string', readOnly: true },
    /** End of the cool-down (releasedAt + VERIFICATION_COOLDOWN_MINUTES). */
    coolsUntil: { type: 'string', readOnly: true },
    /** SMS that arrived during the cool-down and reached no one (logged and counted). */
    droppedSms: { type: 'number' },
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

/** True while the lease blocks allocation to others: held, or released and still cooling down. */
export const blocksAllocation = (
  lease: Pick<PoolLeaseItem, 'releasedAt' | 'coolsUntil'>,
  now: Date,
): boolean =>
  !lease.releasedAt || (lease.coolsUntil !== undefined && Date.parse(lease.coolsUntil) > now.getTime());
