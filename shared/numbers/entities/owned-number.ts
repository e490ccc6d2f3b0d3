import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME, updatedAtAttribute } from '../../platform/db/schema';
import { CAPABILITIES, NUMBER_TYPES } from './inventory-number';

export const OWNED_STATUSES = ['active', 'cancelled', 'expired'] as const;
export type OwnedStatus = (typeof OWNED_STATUSES)[number];

/**
 * A user's subscription to a number: one item per (user, number), rewritten if the user buys the
 * same number again after it expired. Indexes:
 * - `primary` (pk `userId`, sk `phoneNumber`): the owner's list and GetItem by number.
 * - `byDue` (gsi3: pk `dueShard`, sk `nextActionAt`): the renewal job's work list. `nextActionAt`
 *   is when the number next needs the job: the renewal notice (renewsAt - 7 days), then the
 *   renewal or expiry (renewsAt). Expired numbers have no `nextActionAt` and drop out of the
 *   index, so a run reads only due items. `dueShard` (0..DUE_SHARDS-1, from the number) spreads
 *   the index over a few partitions; the job queries each shard with `nextActionAt <= now`.
 */
export const OwnedNumber = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'ownedNumber', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    phoneNumber: { type: 'string', required: true, readOnly: true },
    country: { type: 'string', required: true },
    region: { type: 'string' },
    type: { type: NUMBER_TYPES, required: true },
    capabilities: { type: 'set', items: CAPABILITIES, required: true },
    status: { type: OWNED_STATUSES, required: true },
    autoRenew: { type: 'boolean', required: true },
    monthlyPriceCents: { type: 'number', required: true },
    purchasedAt: { type: 'string', required: true },
    /** Completed renewals; renewsAt = purchasedAt + (renewals + 1) months, so dates never drift. */
    renewals: { type: 'number', required: true, default: 0 },
    /** Start of the current billing period (purchase or last renewal). */
    periodStart: { type: 'string', required: true },
    renewsAt: { type: 'string', required: true },
    /** The `renewsAt` whose 7-day notice was sent: one notice per period. */
    noticeSentFor: { type: 'string' },
    cancelledAt: { type: 'string' },
    expiredAt: { type: 'string' },
    /** SMS counters of the current period, reset at renewal. */
    smsSent: { type: 'number', required: true, default: 0 },
    smsReceived: { type: 'number', required: true, default: 0 },
    dueShard: { type: 'string', required: true },
    nextActionAt: { type: 'string' },
    updatedAt: updatedAtAttribute,
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: ['phoneNumber'] } },
    byDue: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['dueShard'] },
      sk: { field: 'gsi3sk', composite: ['nextActionAt'] },
    },
  },
});
export type OwnedNumberItem = EntityItem<typeof OwnedNumber>;

/**
 * Count of a user's numbers that hold a place against the plan's limit (active and cancelled
 * but not yet expired). Purchases increment it conditionally (`active < limit`) in the purchase
 * transaction and expiry decrements it, so two parallel purchases cannot both take the last slot.
 */
export const OwnedNumberCount = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'ownedNumberCount', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    active: { type: 'number', required: true, default: 0 },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type OwnedNumberCountItem = EntityItem<typeof OwnedNumberCount>;
