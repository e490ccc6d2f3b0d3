import { defineRoute } from '../platform/http/route';
import {
  attachmentUploadSchema,
  conversationIdParams,
  conversationPageSchema,
  conversationSchema,
  messagePageSchema,
  messageSchema,
  participantListSchema,
  searchPageSchema,
  createAttachmentBody,
  createConversationBody,
  listConversationsQuery,
  listMessagesQuery,
  markReadBody,
  participantsQuery,
  searchQuery,
  sendMessageBody,
} from './schemas';

export const createConversationRoute = /* @__PURE__ */ defineRoute({
  id: 'createConversation',
  method: 'POST',
  path: '/v1/conversations',
  handler: 'conversations/create-conversation',
  auth: 'user-or-key',
  scope: 'messages:write',
  summary: 'Start a chat with platform users, or an SMS conversation from an owned number.',
  body: createConversationBody,
  idempotent: true,
  successStatus: 201,
  responses: { 201: { schema: conversationSchema } },
  problems: { 403: ['number_not_owned'], 404: ['not_found'] },
});

export const listConversationsRoute = /* @__PURE__ */ defineRoute({
  id: 'listConversations',
  method: 'GET',
  path: '/v1/conversations',
  handler: 'conversations/list-conversations',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: "The caller's conversations, newest activity first (?archived=true for the archive).",
  query: listConversationsQuery,
  responses: { 200: { schema: conversationPageSchema } },
});

export const getConversationRoute = /* @__PURE__ */ defineRoute({
  id: 'getConversation',
  method: 'GET',
  path: '/v1/conversations/{id}',
  handler: 'conversations/get-conversation',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: 'One conversation, with the caller’s unread count.',
  params: conversationIdParams,
  responses: { 200: { schema: conversationSchema } },
});

export const archiveConversationRoute = /* @__PURE__ */ defineRoute({
  id: 'archiveConversation',
  method: 'DELETE',
  path: '/v1/conversations/{id}',
  handler: 'conversations/archive-conversation',
  auth: 'user-or-key',
  scope: 'messages:write',
  summary: 'Archive the conversation for the caller (nothing is deleted).',
  params: conversationIdParams,
  successStatus: 204,
  responses: { 204: { description: 'Archived for the caller.' } },
});

export const restoreConversationRoute = /* @__PURE__ */ defineRoute({
  id: 'restoreConversation',
  method: 'POST',
  path: '/v1/conversations/{id}/restore',
  handler: 'conversations/restore-conversation',
  auth: 'user-or-key',
  scope: 'messages:write',
  summary: 'Bring an archived conversation back to the inbox.',
  params: conversationIdParams,
  responses: { 200: { schema: conversationSchema } },
});

export const listParticipantsRoute = /* @__PURE__ */ defineRoute({
  id: 'listParticipants',
  method: 'GET',
  path: '/v1/conversations/{id}/participants',
  handler: 'conversations/list-participants',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: 'Mention autocomplete: the other users of the conversation whose username starts with ?prefix.',
  params: conversationIdParams,
  query: participantsQuery,
  responses: { 200: { schema: participantListSchema } },
});

export const createAttachmentRoute = /* @__PURE__ */ defineRoute({
  id: 'createAttachment',
  method: 'POST',
  path: '/v1/conversations/{id}/attachments',
  handler: 'conversations/create-attachment',
  auth: 'user-or-key',
  scope: 'messages:write',
  summary: 'Reserve an attachment and get a presigned S3 POST for its upload (max 10 MB).',
  params: conversationIdParams,
  body: createAttachmentBody,
  idempotent: true,
  successStatus: 201,
  responses: { 201: { schema: attachmentUploadSchema } },
  problems: { 413: ['file_too_large'], 415: ['unsupported_type'], 429: ['too_many_pending_uploads'] },
});

export const listMessagesRoute = /* @__PURE__ */ defineRoute({
  id: 'listMessages',
  method: 'GET',
  path: '/v1/conversations/{id}/messages',
  handler: 'conversations/list-messages',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: 'Message history, newest first; follow nextCursor to scroll back.',
  params: conversationIdParams,
  query: listMessagesQuery,
  responses: { 200: { schema: messagePageSchema } },
});

export const sendMessageRoute = /* @__PURE__ */ defineRoute({
  id: 'sendMessage',
  method: 'POST',
  path: '/v1/conversations/{id}/messages',
  handler: 'conversations/send-message',
  auth: 'user-or-key',
  scope: 'messages:write',
  resourceScopes: [{ when: 'sms-conversation', scope: 'sms:send' }],
  summary: 'Send a message; a repeated clientMessageId returns the first message.',
  params: conversationIdParams,
  body: sendMessageBody,
  idempotent: true,
  successStatus: 201,
  responses: {
    201: { schema: messageSchema, description: 'Created.' },
    200: { schema: messageSchema, description: 'The first message of a repeated clientMessageId.' },
  },
  problems: {
    400: ['attachment_invalid', 'attachment_not_uploaded'],
    402: ['insufficient_funds'],
    403: ['destination_not_allowed', 'number_not_owned', 'recipient_opted_out'],
    409: ['attachment_in_use'],
  },
});

export const markReadRoute = /* @__PURE__ */ defineRoute({
  id: 'markRead',
  method: 'POST',
  path: '/v1/conversations/{id}/read',
  handler: 'conversations/mark-read',
  auth: 'user-or-key',
  scope: 'messages:write',
  summary: 'Read receipt: everything up to messageId is read by the caller.',
  params: conversationIdParams,
  body: markReadBody,
  successStatus: 204,
  responses: { 204: { description: 'Read up to messageId.' } },
  problems: { 409: ['read_conflict'] },
});

export const searchMessagesRoute = /* @__PURE__ */ defineRoute({
  id: 'searchMessages',
  method: 'GET',
  path: '/v1/messages/search',
  handler: 'conversations/search-messages',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: 'Search the caller’s messages by words and word prefixes.',
  query: searchQuery,
  responses: { 200: { schema: searchPageSchema } },
  problems: { 404: ['not_found'] },
});

export const conversationRoutes = [
  createConversationRoute,
  listConversationsRoute,
  getConversationRoute,
  archiveConversationRoute,
  restoreConversationRoute,
  listParticipantsRoute,
  createAttachmentRoute,
  listMessagesRoute,
  sendMessageRoute,
  markReadRoute,
  searchMessagesRoute,
] as const;
