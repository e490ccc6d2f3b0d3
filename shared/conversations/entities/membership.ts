import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';
import { participantAttribute } from './conversation';

/** Sender as shown in a preview or a message. */
export const senderAttribute = {
  type: 'map',
  properties: {
    userId: { type: 'string' },
    username: { type: 'string' },
    phoneNumber: { type: 'string' },
  },
} as const;

/**
 * One user's view of one conversation: the row of their conversation list. It carries a copy
 * of the conversation's immutable fields (type, title, participants) and the last-message
 * preview so that listing a page of conversations is a single Query, plus everything that is
 * per user: folder (inbox / archived), unread count and read horizon.
 *
 * `byUser` (gsi1): partition = user + folder, sort = last activity + conversation id, so the
 * list is newest activity first and archiving moves the row to the other folder partition
 * (a single-attribute update: ElectroDB rewrites gsi1pk only).
 */
export const Membership = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'membership', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    conversationId: { type: 'string', required: true, readOnly: true },
    folder: { type: ['inbox', 'archived'] as const, required: true },
    type: { type: ['chat', 'sms'] as const, required: true, readOnly: true },
    title: { type: 'string' },
    fromNumber: { type: 'string', readOnly: true },
    participants: { type: 'list', items: participantAttribute, required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    /** Time of the last message, or the creation time while there is none (the list's sort key). */
    lastActivityAt: { type: 'string', required: true },
    lastMessageId: { type: 'string' },
    lastMessage: {
      type: 'map',
      properties: {
        id: { type: 'string', required: true },
        body: { type: 'string', required: true },
        sender: senderAttribute,
        createdAt: { type: 'string', required: true },
        attachmentCount: { type: 'number' },
      },
    },
    unreadCount: { type: 'number', required: true, default: 0 },
    /** Read horizon: every message up to this id counts as read by this user. */
    lastReadMessageId: { type: 'string' },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['userId'] },
      sk: { field: 'sk', composite: ['conversationId'] },
    },
    byUser: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['userId', 'folder'] },
      sk: { field: 'gsi1sk', composite: ['lastActivityAt', 'conversationId'] },
    },
  },
});
export type MembershipItem = EntityItem<typeof Membership>;
