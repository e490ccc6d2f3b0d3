import { api, type RequestBody, type Schemas, unwrap } from './client';

export type Conversation = Schemas['Conversation'];
export type Participant = Schemas['Participant'];
export type SearchHit = Schemas['SearchHit'];
export type AttachmentUpload = Awaited<ReturnType<typeof createAttachment>>;
/** An attachment as the server sends it, or (client-only) one still uploading: no id/link yet. */
export type Attachment = Pick<Schemas['Attachment'], 'fileName' | 'contentType' | 'size'> &
  Partial<Pick<Schemas['Attachment'], 'id' | 'downloadUrl'>>;
/** `sending` (client-only): a message posted optimistically and not yet confirmed. */
export type MessageStatus = Schemas['Message']['status'] | 'sending';
export type Message = Omit<Schemas['Message'], 'status' | 'attachments'> & {
  status: MessageStatus;
  attachments: Attachment[];
};
export type NewConversation = RequestBody<'createConversation'>;
export type SendMessage = RequestBody<'sendMessage'>;

const path = (id: string) => ({ path: { id } });
const cursorOf = (cursor?: string | null) => (cursor ? { cursor } : {});

export const listConversations = (archived: boolean, cursor?: string | null) =>
  unwrap(
    api().GET('/v1/conversations', {
      params: { query: { archived: archived ? 'true' : 'false', limit: 50, ...cursorOf(cursor) } },
    }),
  );

export const getConversation = (id: string) =>
  unwrap(api().GET('/v1/conversations/{id}', { params: path(id) }));

export const createConversation = (input: NewConversation) =>
  unwrap(api().POST('/v1/conversations', { body: input }));

export const archiveConversation = (id: string) =>
  unwrap(api().DELETE('/v1/conversations/{id}', { params: path(id) }));

export const restoreConversation = (id: string) =>
  unwrap(api().POST('/v1/conversations/{id}/restore', { params: path(id) }));

export const listMessages = (id: string, cursor?: string | null, limit = 30) =>
  unwrap(
    api().GET('/v1/conversations/{id}/messages', {
      params: { ...path(id), query: { limit, ...cursorOf(cursor) } },
    }),
  );

export const sendMessage = (conversationId: string, input: SendMessage) =>
  unwrap(api().POST('/v1/conversations/{id}/messages', { params: path(conversationId), body: input }));

export const markRead = (conversationId: string, messageId: string) =>
  unwrap(api().POST('/v1/conversations/{id}/read', { params: path(conversationId), body: { messageId } }));

export const mentionCandidates = async (conversationId: string, prefix: string) =>
  (
    await unwrap(
      api().GET('/v1/conversations/{id}/participants', {
        params: { ...path(conversationId), query: { prefix } },
      }),
    )
  ).items;

export const searchMessages = (q: string, cursor?: string | null) =>
  unwrap(api().GET('/v1/messages/search', { params: { query: { q, limit: 20, ...cursorOf(cursor) } } }));

export const createAttachment = (conversationId: string, file: RequestBody<'createAttachment'>) =>
  unwrap(api().POST('/v1/conversations/{id}/attachments', { params: path(conversationId), body: file }));

/** Uploads straight to storage with the presigned POST (the policy enforces size and type). */
export async function uploadToStorage(upload: AttachmentUpload['upload'], file: File): Promise<void> {
  const form = new FormData();
  for (const [key, value] of Object.entries(upload.fields)) form.append(key, value);
  form.append('file', file);
  const response = await fetch(upload.url, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`Upload failed (${response.status}).`);
}
