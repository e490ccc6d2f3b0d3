import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/** A participant as stored: a platform user (userId + username) or a phone number (SMS peer). */
export const participantAttribute = {
  type: 'map',
  properties: {
    userId: { type: 'string' },
    username: { type: 'string' },
    phoneNumber: { type: 'string' },
  },
} as const;

/**
 * The conversation itself, shared by all participants. It lives in the conversation's item
 * collection (same partition as its messages, attachments and client-id claims) and is the
 * authority on who participates (every conversation route checks `participants` first). It is
 * not written per message: each participant's list row (Membership) carries the last message,
 * guarded so concurrent sends never move it backwards. Items written before that may still hold
 * `lastMessageId`/`lastMessageAt`, which nothing reads.
 */
export const Conversation = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'conversation', version: '1' },
  attributes: {
    conversationId: { type: 'string', required: true, readOnly: true },
    type: { type: ['chat', 'sms'] as const, required: true, readOnly: true },
    title: { type: 'string' },
    /** SMS conversations: the owner's number the conversation sends from. */
    fromNumber: { type: 'string', readOnly: true },
    participants: { type: 'list', items: participantAttribute, required: true },
    createdBy: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    /** Set once every participant's SearchScope item exists (large groups, ../search-index.ts). */
    searchScoped: { type: 'boolean' },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['conversationId'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});
export type ConversationItem = EntityItem<typeof Conversation>;

/**
 * Uniqueness of SMS conversations: one per (owner, owned number, peer number). Written in the
 * same transaction as the conversation, conditional on not existing, so concurrent inbound
 * SMS from a new peer cannot create two conversations.
 */
export const SmsThread = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'smsThread', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    fromNumber: { type: 'string', required: true, readOnly: true },
    peerNumber: { type: 'string', required: true, readOnly: true },
    conversationId: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['userId', 'fromNumber', 'peerNumber'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});
export type SmsThreadItem = EntityItem<typeof SmsThread>;
