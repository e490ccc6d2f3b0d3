// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME, updatedAtAttribute } from '../../platform/db/schema';
import { ACTIVE_STATUSES, VERIFICATION_STATUSES } from '../state';

/**
 * One verification request: a pool number leased to a user for one service until `expiresAt`.
 * Indexes:
 * - `primary` (pk `vrf#<id>`): GetItem by id; the owner is checked after the read (another
 *   user's request is a 404).
 * - `byUser` (gsi1: pk `vrfuser#<userId>`, sk the id): history newest first. Ids are ULIDs made
 *   from `createdAt`, so a from/to window is a `between` on the sort key.
 * - `byStatusExpiry` (gsi2: pk `vexp#<shard>`, sk `expiresAt`): the expiry job's work list. The
 *   index is sparse: it holds only pending and received requests (the `condition` below), so a
 *   terminal transition drops the item from it in the same write. Every status write goes
 *   through ./transitions.ts, which always sets `expiryShard` and `expiresAt` with the status,
 *   so ElectroDB re-evaluates the condition. `expiryShard` spreads the work list over
 *   EXPIRY_SHARDS partitions.
 */
export const Verification = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'verification', version: '1' },
  attributes: {
    verificationId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    service: { type: 'string', required: true, readOnly: true },
    country: { type: 'string', required: true, readOnly: true },
    phoneNumber: { type: 'string', required: true, readOnly: true },
    status: { type: VERIFICATION_STATUSES, required: true },
    priceCents: { type: 'number', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    expiresAt: { type: 'string', required: true },
    expiryShard: { type: 'string', required: true },
    codes: {
      type: 'list',
      required: true,
      default: () => [],
      items: {
        type: 'map',
        properties: {
          /** Absent when the message held no recognisable code (the SMS is still shown). */
          code: { type: 'string' },
          confidence: { type: 'number' },
          sms: { type: 'string', required: true },
          from: { type: 'string', required: true },
          receivedAt: { type: 'string', required: true },
        },
      },
    },
    /**
     * SMS that held no code (v1.1): kept for the owner, but they leave the request pending. At most
     * MAX_MESSAGES are kept, in their own list, so a flood of noise never displaces a code.
     */
    messages: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          sms: { type: 'string', required: true },
          from: { type: 'string', required: true },
          receivedAt: { type: 'string', required: true },
        },
      },
    },
    messageCount: { type: 'number' },
    /** Number of entries in `codes`: completion is conditional on it, so `finalCode` is really the last code. */
    codeCount: { type: 'number', required: true, default: 0 },
    /** Carrier message ids already appended: a redelivered SMS is not appended twice. */
    inboundIds: { type: 'set', items: 'string' },
    finalCode: { type: 'string' },
    completedAt: { type: 'string' },
    cancelledAt: { type: 'string' },
    expiredAt: { type: 'string' },
    /** Set in the transaction that paid the refund (expired / cancelled), with the ledger entry. */
    refundedAt: { type: 'string' },
    /** Set by POST /report (with the cancellation and refund): the number was burnt for the service. */
    reportedAt: { type: 'string' },
    reportReason: { type: ['number_used', 'no_code', 'other'] as const },
    /** True when creating the request took a slot of the owner's active-request counter. */
    holdsActiveSlot: { type: 'boolean', readOnly: true },
    /** The completed request this one rents the number of again (POST /reuse). */
    reuseOf: { type: 'string', readOnly: true },
    updatedAt: updatedAtAttribute,
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['verificationId'], template: 'vrf#${verificationId}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'verification', casing: 'none' },
    },
    byUser: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['userId'], template: 'vrfuser#${userId}', casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['verificationId'], template: '${verificationId}', casing: 'none' },
    },
    byStatusExpiry: {
      index: 'gsi2',
      condition: (attr) => (ACTIVE_STATUSES as readonly unknown[]).includes(attr.status),
      pk: { field: 'gsi2pk', composite: ['expiryShard'], template: 'vexp#${expiryShard}', casing: 'none' },
      sk: { field: 'gsi2sk', composite: ['expiresAt'], template: '${expiresAt}', casing: 'none' },
    },
  },
});
export type VerificationItem = EntityItem<typeof Verification>;
export type VerificationCode = NonNullable<VerificationItem['codes']>[number];
