import * as z from 'zod';
import { cursorParam, limitParam, prefixedId, text } from '../http/schemas';
import { e164 } from '../numbers/phone';

/** Request schemas of the conversations context (../shared/API.md "Conversations and messages"). */

export const MAX_BODY_CHARS = 4000;
/** Participants besides the creator; keeps the send transaction (1 + members + attachments) under 100 items. */
export const MAX_PARTICIPANTS = 49;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export const conversationIdParams = z.object({ id: prefixedId('conv') });

const usernameRef = z
  .string()
  .trim()
  .regex(/^@?[a-zA-Z0-9_]{3,30}$/, { message: 'Username: 3 to 30 letters, digits or underscores.' })
  .transform((v) => v.replace(/^@/, '').toLowerCase());

export const participantInput = z.union([
  z.object({ username: usernameRef }).strict(),
  z.object({ phoneNumber: e164 }).strict(),
]);
export type ParticipantInput = z.infer<typeof participantInput>;

export const createConversationBody = z
  .object({
    title: text(1, 100).optional(),
    participants: z.array(participantInput).min(1).max(MAX_PARTICIPANTS),
    fromNumber: e164.optional(),
  })
  .strict();
export type CreateConversationInput = z.infer<typeof createConversationBody>;

export const listConversationsQuery = z.object({
  archived: z
    .enum(['true', 'false'], { message: 'archived must be true or false.' })
    .default('false')
    .transform((v) => v === 'true'),
  limit: limitParam,
  cursor: cursorParam,
});

export const listMessagesQuery = z.object({ limit: limitParam, cursor: cursorParam });

/** Client-chosen id for retries: visible ASCII, no separators that could be confused in keys. */
export const clientMessageId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'clientMessageId: 1 to 100 letters, digits or ._:-' });

export const sendMessageBody = z
  .object({
    body: text(1, MAX_BODY_CHARS),
    clientMessageId: clientMessageId.optional(),
    attachments: z
      .array(prefixedId('att'))
      .max(MAX_ATTACHMENTS_PER_MESSAGE)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Attachment ids must be distinct.' })
      .optional(),
  })
  .strict();

export const markReadBody = z.object({ messageId: prefixedId('msg') }).strict();

export const participantsQuery = z.object({
  prefix: z
    .string()
    .trim()
    .max(31)
    .regex(/^@?[a-zA-Z0-9_]*$/, { message: 'prefix: letters, digits or underscores.' })
    .transform((v) => v.replace(/^@/, '').toLowerCase())
    .optional(),
  limit: limitParam,
});

/** `size` and `contentType` are checked by the service: they deserve 413 / 415, not a 400. */
export const createAttachmentBody = z
  .object({
    fileName: text(1, 255).refine((v) => !/[/\\]/.test(v), { message: 'fileName must not contain slashes.' }),
    contentType: z.string().trim().min(1).max(255),
    size: z.number().int().min(1),
  })
  .strict();

export const searchQuery = z.object({
  q: text(1, 200),
  conversationId: prefixedId('conv').optional(),
  limit: limitParam,
  cursor: cursorParam,
});
