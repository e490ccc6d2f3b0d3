import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * An upload slot: created with the presigned POST, bound to one message when the uploader
 * sends it (state `pending` → `attached`, conditional on owner and state inside the send
 * transaction). Pending slots expire (TTL) so abandoned uploads do not accumulate records.
 */
export const Attachment = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'attachment', version: '1' },
  attributes: {
    conversationId: { type: 'string', required: true, readOnly: true },
    attachmentId: { type: 'string', required: true, readOnly: true },
    ownerUserId: { type: 'string', required: true, readOnly: true },
    fileName: { type: 'string', required: true, readOnly: true },
    contentType: { type: 'string', required: true, readOnly: true },
    size: { type: 'number', required: true, readOnly: true },
    objectKey: { type: 'string', required: true, readOnly: true },
    state: { type: ['pending', 'attached'] as const, required: true },
    messageId: { type: 'string' },
    createdAt: { type: 'string', required: true, readOnly: true },
    ttl: { type: 'number' },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['conversationId'] },
      sk: { field: 'sk', composite: ['attachmentId'] },
    },
  },
});
export type AttachmentItem = EntityItem<typeof Attachment>;

/**
 * A user's pending upload slots (attachment ids), for the cap on unbound uploads. An id is
 * added in its slot's transaction, conditional on the set's size (so parallel reservations
 * cannot pass the cap), and removed in the transaction of the message that binds it; ids past
 * their slot's lifetime (ULIDs carry their creation time) are pruned before a new one is added.
 */
export const PendingUploads = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'pendingUploads', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    attachmentIds: { type: 'set', items: 'string' },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type PendingUploadsItem = EntityItem<typeof PendingUploads>;
