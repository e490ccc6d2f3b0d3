import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';
import { senderAttribute } from './membership';

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const;

/**
 * A message, in its conversation's partition with the ULID-based id as sort key: history is a
 * Query newest first, and a page boundary is just "ids below this one" (keyset pagination), so
 * messages arriving while someone scrolls back never shift the pages.
 */
export const Message = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'message', version: '1' },
  attributes: {
    conversationId: { type: 'string', required: true, readOnly: true },
    messageId: { type: 'string', required: true, readOnly: true },
    sender: { ...senderAttribute, required: true },
    body: { type: 'string', required: true, readOnly: true },
    mentions: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          userId: { type: 'string', required: true },
          username: { type: 'string', required: true },
        },
      },
    },
    attachments: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          id: { type: 'string', required: true },
          fileName: { type: 'string', required: true },
          contentType: { type: 'string', required: true },
          size: { type: 'number', required: true },
          objectKey: { type: 'string', required: true },
        },
      },
    },
    status: { type: MESSAGE_STATUSES, required: true },
    clientMessageId: { type: 'string', readOnly: true },
    /** SMS: number of message parts the body needs. */
    segments: { type: 'number' },
    /** SMS: the carrier's message id. */
    externalId: { type: 'string' },
    /** SMS: GSM-7 or UCS-2 (decides how many characters a segment holds). */
    encoding: { type: ['GSM-7', 'UCS-2'] as const },
    /** SMS (outbound): what the sender was charged (segments x the destination's per-segment price). */
    priceCents: { type: 'number' },
    /** SMS: the carrier's reason for `failed` / `undelivered` (End User Messaging event type). */
    errorCode: { type: 'string' },
    /** SMS: the carrier's own price for the message (USD, from the delivery receipt). */
    carrierPriceUsd: { type: 'number' },
    /** SMS (inbound): the CTIA keyword the body was (STOP, START, HELP, ...). */
    keyword: { type: 'string' },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['conversationId'] },
      sk: { field: 'sk', composite: ['messageId'] },
    },
  },
});
export type MessageItem = EntityItem<typeof Message>;

/**
 * `clientMessageId` claim: written in the send transaction, conditional on not existing, so a
 * retried send (same sender, same client id) stores nothing and returns the first message.
 * The sort key keeps the case (`casing: 'none'`): ElectroDB lowercases key values by default,
 * which made `Order-1` and `order-1` one claim (the second message was silently dropped).
 */
export const ClientMessageClaim = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'clientMessageClaim', version: '1' },
  attributes: {
    conversationId: { type: 'string', required: true, readOnly: true },
    /** `usr_...` or the sender's phone number. */
    senderKey: { type: 'string', required: true, readOnly: true },
    clientMessageId: { type: 'string', required: true, readOnly: true },
    messageId: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['conversationId'] },
      sk: { field: 'sk', composite: ['senderKey', 'clientMessageId'], casing: 'none' },
    },
  },
});
export type ClientMessageClaimItem = EntityItem<typeof ClientMessageClaim>;
