import { defineRoute } from '../http/route';
import {
  conversationIdParams,
  createAttachmentBody,
  createConversationBody,
  listConversationsQuery,
  listMessagesQuery,
  markReadBody,
  participantsQuery,
  searchQuery,
  sendMessageBody,
} from './schemas';

export const createConversationRoute = defineRoute({
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
});

export const listConversationsRoute = defineRoute({
  id: 'listConversations',
  method: 'GET',
  path: '/v1/conversations',
  handler: 'conversations/list-conversations',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: "The caller's conversations, newest activity first (?archived=true for the archive).",
  query: listConversationsQuery,
});

export const getConversationRoute = defineRoute({
  id: 'getConversation',
  method: 'GET',
  path: '/v1/conversations/{id}',
  handler: 'conversations/get-conversation',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: 'One conversation, with the caller’s unread count.',
  params: conversationIdParams,
});

export const archiveConversationRoute = defineRoute({
  id: 'archiveConversation',
  method: 'DELETE',
  path: '/v1/conversations/{id}',
  handler: 'conversations/archive-conversation',
  auth: 'user-or-key',
  scope: 'messages:write',
  summary: 'Archive the conversation for the caller (nothing is deleted).',
  params: conversationIdParams,
  successStatus: 204,
});

export const restoreConversationRoute = defineRoute({
  id: 'restoreConversation',
  method: 'POST',
  path: '/v1/conversations/{id}/restore',
  handler: 'conversations/restore-conversation',
  auth: 'user-or-key',
  scope: 'messages:write',
  summary: 'Bring an archived conversation back to the inbox.',
  params: conversationIdParams,
});

export const listParticipantsRoute = defineRoute({
  id: 'listParticipants',
  method: 'GET',
  path: '/v1/conversations/{id}/participants',
  handler: 'conversations/list-participants',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: 'Mention autocomplete: the other users of the conversation whose username starts with ?prefix.',
  params: conversationIdParams,
  query: participantsQuery,
});

export const createAttachmentRoute = defineRoute({
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
});

export const listMessagesRoute = defineRoute({
  id: 'listMessages',
  method: 'GET',
  path: '/v1/conversations/{id}/messages',
  handler: 'messages/list-messages',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: 'Message history, newest first; follow nextCursor to scroll back.',
  params: conversationIdParams,
  query: listMessagesQuery,
});

export const sendMessageRoute = defineRoute({
  id: 'sendMessage',
  method: 'POST',
  path: '/v1/conversations/{id}/messages',
  handler: 'messages/send-message',
  auth: 'user-or-key',
  scope: 'messages:write',
  resourceScopes: [{ when: 'sms-conversation', scope: 'sms:send' }],
  summary: 'Send a message; a repeated clientMessageId returns the first message.',
  params: conversationIdParams,
  body: sendMessageBody,
  idempotent: true,
  successStatus: 201,
});

export const markReadRoute = defineRoute({
  id: 'markRead',
  method: 'POST',
  path: '/v1/conversations/{id}/read',
  handler: 'messages/mark-read',
  auth: 'user-or-key',
  scope: 'messages:write',
  summary: 'Read receipt: everything up to messageId is read by the caller.',
  params: conversationIdParams,
  body: markReadBody,
  successStatus: 204,
});

export const searchMessagesRoute = defineRoute({
  id: 'searchMessages',
  method: 'GET',
  path: '/v1/messages/search',
  handler: 'messages/search-messages',
  auth: 'user-or-key',
  scope: 'messages:read',
  summary: 'Search the caller’s messages by words and word prefixes.',
  query: searchQuery,
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
