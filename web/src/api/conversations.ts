import { api, asPage } from './client';
import type { AttachmentUpload, Conversation, Message, Page, Participant, SearchHit } from './types';

export const listConversations = async (archived: boolean, cursor?: string | null) =>
  asPage(await api<Page<Conversation>>('/v1/conversations', { query: { archived, limit: 50, cursor } }));

export const getConversation = (id: string) =>
  api<Conversation>(`/v1/conversations/${encodeURIComponent(id)}`);

export interface NewConversation {
  readonly title?: string;
  readonly participants: ReadonlyArray<{ username: string } | { phoneNumber: string }>;
  readonly fromNumber?: string;
}

export const createConversation = (input: NewConversation) =>
  api<Conversation>('/v1/conversations', { body: input });

export const archiveConversation = (id: string) =>
  api<void>(`/v1/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const restoreConversation = (id: string) =>
  api<Conversation>(`/v1/conversations/${encodeURIComponent(id)}/restore`, { method: 'POST', body: {} });

export const listMessages = async (id: string, cursor?: string | null, limit = 30) =>
  asPage(
    await api<Page<Message>>(`/v1/conversations/${encodeURIComponent(id)}/messages`, {
      query: { limit, cursor },
    }),
  );

export interface SendMessage {
  readonly body: string;
  readonly clientMessageId: string;
  readonly attachments?: readonly string[];
}

export const sendMessage = (conversationId: string, input: SendMessage) =>
  api<Message>(`/v1/conversations/${encodeURIComponent(conversationId)}/messages`, { body: input });

export const markRead = (conversationId: string, messageId: string) =>
  api<void>(`/v1/conversations/${encodeURIComponent(conversationId)}/read`, { body: { messageId } });

export const mentionCandidates = async (conversationId: string, prefix: string) =>
  asPage(
    await api<Page<Participant> | Participant[]>(
      `/v1/conversations/${encodeURIComponent(conversationId)}/participants`,
      { query: { prefix } },
    ),
  ).items;

export const searchMessages = async (q: string, cursor?: string | null) =>
  asPage(await api<Page<SearchHit>>('/v1/messages/search', { query: { q, limit: 20, cursor } }));

export const createAttachment = (
  conversationId: string,
  file: { fileName: string; contentType: string; size: number },
) =>
  api<AttachmentUpload>(`/v1/conversations/${encodeURIComponent(conversationId)}/attachments`, {
    body: file,
  });

/** Uploads straight to storage with the presigned POST (the policy enforces size and type). */
export async function uploadToStorage(upload: AttachmentUpload['upload'], file: File): Promise<void> {
  const form = new FormData();
  for (const [key, value] of Object.entries(upload.fields)) form.append(key, value);
  form.append('file', file);
  const response = await fetch(upload.url, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`Upload failed (${response.status}).`);
}
