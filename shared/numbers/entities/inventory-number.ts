import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME, createdAtAttribute, updatedAtAttribute } from '../../platform/db/schema';

export const NUMBER_TYPES = ['local', 'mobile', 'tollfree'] as const;
export type NumberType = (typeof NUMBER_TYPES)[number];
export const CAPABILITIES = ['sms', 'mms', 'voice'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * - available: listed in the marketplace, can be bought.
 * - sold: owned by `ownerId` (see OwnedNumber for the subscription).
 * - quarantined: expired or cancelled, held back until `quarantinedUntil` before resale.
 * - verification-pool: reserved for verification requests; never listed, never sold.
 */
export const INVENTORY_STATUSES = ['available', 'sold', 'quarantined', 'verification-pool'] as const;
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];

/**
 * One phone number the platform holds, whatever its state. Indexes:
 * - `primary` (pk `phoneNumber`): detail, purchase, inbound routing (GetItem).
 * - `byStatus` (gsi1: pk `status`, sk `country#type#phoneNumber`): the marketplace listing
 *   (`status = available`, optionally narrowed to a country and type by `begins_with`) and the
 *   verification pool (`status = verification-pool`, optionally by country). A number leaves the
 *   listing the moment its status changes, in the same write.
 * - `byQuarantineEnd` (gsi2: pk `status`, sk `quarantinedUntil`): quarantined numbers due for
 *   release, read with `quarantinedUntil <= now`. Only quarantined numbers carry
 *   `quarantinedUntil`, so the index is sparse and the renewal job reads only what is due.
 */
export const InventoryNumber = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'inventoryNumber', version: '1' },
  attributes: {
    phoneNumber: { type: 'string', required: true, readOnly: true },
    /** ISO 3166-1 alpha-2. */
    country: { type: 'string', required: true },
    region: { type: 'string' },
    type: { type: NUMBER_TYPES, required: true },
    capabilities: { type: 'set', items: CAPABILITIES, required: true },
    monthlyPriceCents: { type: 'number', required: true },
    setupPriceCents: { type: 'number', required: true, default: 0 },
    status: { type: INVENTORY_STATUSES, required: true },
    /** Current owner while sold. */
    ownerId: { type: 'string' },
    soldAt: { type: 'string' },
    quarantinedUntil: { type: 'string' },
    /** Where the number came from: the local seed, an import file, or carrier provisioning. */
    source: { type: ['seed', 'import', 'provisioned'] as const, required: true, default: 'seed' },
    /** Carrier-side id (End User Messaging PhoneNumberId) when provisioned through AWS. */
    providerId: { type: 'string' },
    createdAt: createdAtAttribute,
    updatedAt: updatedAtAttribute,
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['phoneNumber'] }, sk: { field: 'sk', composite: [] } },
    byStatus: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['status'] },
      sk: { field: 'gsi1sk', composite: ['country', 'type', 'phoneNumber'] },
    },
    byQuarantineEnd: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['status'] },
      sk: { field: 'gsi2sk', composite: ['quarantinedUntil'] },
    },
  },
});
export type InventoryNumberItem = EntityItem<typeof InventoryNumber>;
