import * as z from 'zod';
import { cursorParam, limitParam, page, prefixedId, text, timestamp } from '../platform/http/schemas';
import { MESSAGE_STATUSES } from './entities/message';
import { e164 } from '../numbers/phone';

/** Request schemas of the conversations context (../shared/API.md "Conversations and messages"). */

export const MAX_BODY_CHARS = 4000;
/** Participants besides the creator; keeps the send transaction (1 + members + attachments) under 100 items. */
export const MAX_PARTICIPANTS = 49;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export const conversationIdParams = /* @__PURE__ */ z.object({ id: prefixedId('conv') });

const usernameRef = /* @__PURE__ */ z
  .string()
  .trim()
  .regex(/^@?[a-zA-Z0-9_]{3,30}$/, { message: 'Username: 3 to 30 letters, digits or underscores.' })
  .transform((v) => v.replace(/^@/, '').toLowerCase());

// Built from named parts, each one pure call over identifiers: a bundle that does not create
// conversations (list-messages, send-message...) then drops them, and with `e164` the phone
// metadata (libphonenumber-js, ~140 KB). A nested call inside an argument would keep them all.
const platformParticipant = /* @__PURE__ */ z.object({ username: usernameRef }).strict();
const smsParticipant = /* @__PURE__ */ z.object({ phoneNumber: e164 }).strict();
export const participantInput = /* @__PURE__ */ z.union([platformParticipant, smsParticipant]);
export type ParticipantInput = z.infer<typeof participantInput>;

const conversationTitle = /* @__PURE__ */ text(1, 100).optional();
const participantList = /* @__PURE__ */ z.array(participantInput).min(1).max(MAX_PARTICIPANTS);
const fromNumber = /* @__PURE__ */ e164.optional();
export const createConversationBody = /* @__PURE__ */ z
  .object({ title: conversationTitle, participants: participantList, fromNumber })
  .strict();
export type CreateConversationInput = z.infer<typeof createConversationBody>;

export const listConversationsQuery = /* @__PURE__ */ z.object({
  archived: z
    .enum(['true', 'false'], { message: 'archived must be true or false.' })
    .default('false')
    .transform((v) => v === 'true'),
  limit: limitParam,
  cursor: cursorParam,
});

export const listMessagesQuery = /* @__PURE__ */ z.object({ limit: limitParam, cursor: cursorParam });

/** Client-chosen id for retries: visible ASCII, no separators that could be confused in keys. */
export const clientMessageId = /* @__PURE__ */ z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'clientMessageId: 1 to 100 letters, digits or ._:-' });

export const sendMessageBody = /* @__PURE__ */ z
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

export const markReadBody = /* @__PURE__ */ z.object({ messageId: prefixedId('msg') }).strict();

export const participantsQuery = /* @__PURE__ */ z.object({
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
export const createAttachmentBody = /* @__PURE__ */ z
  .object({
    fileName: text(1, 255).refine((v) => !/[/\\]/.test(v), { message: 'fileName must not contain slashes.' }),
    contentType: z.string().trim().min(1).max(255),
    size: z.number().int().min(1),
  })
  .strict();

export const searchQuery = /* @__PURE__ */ z.object({
  q: text(1, 200),
  conversationId: prefixedId('conv').optional(),
  limit: limitParam,
  cursor: cursorParam,
});

// Responses (shared/conversations/views.ts builds them)

export const participantSchema = /* @__PURE__ */ z
  .object({
    userId: z.string().optional(),
    username: z.string().optional(),
    phoneNumber: z.string().optional(),
  })
  .meta({ id: 'Participant' });

export const messagePreviewSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    body: z.string(),
    sender: participantSchema,
    createdAt: timestamp,
    attachmentCount: z.number().int().optional(),
  })
  .meta({ id: 'MessagePreview' });

export const conversationSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    type: z.enum(['chat', 'sms']),
    fromNumber: z.string().optional(),
    participants: z.array(participantSchema),
    lastMessage: messagePreviewSchema.optional(),
    lastMessageAt: timestamp,
    unreadCount: z.number().int().min(0),
    archived: z.boolean(),
    createdAt: timestamp,
  })
  .meta({
    id: 'Conversation',
    examples: [
      {
        id: 'conv_01JEXAMPLE0000000000000000',
        title: null,
        type: 'chat',
        participants: [
          { userId: 'usr_01JEXAMPLE0000000000000000', username: 'ada' },
          { userId: 'usr_01JEXAMPLE0000000000000001', username: 'grace' },
        ],
        lastMessageAt: '2026-12-04T10:00:00.000Z',
        unreadCount: 0,
        archived: false,
        createdAt: '2026-12-04T10:00:00.000Z',
      },
    ],
  });

export const attachmentSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    downloadUrl: z.string().meta({ description: 'Time-limited URL.' }),
  })
  .meta({ id: 'Attachment' });

export const messageSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    conversationId: z.string(),
    sender: participantSchema,
    body: z.string(),
    mentions: z.array(z.object({ userId: z.string(), username: z.string() })),
    attachments: z.array(attachmentSchema),
    status: z.enum(MESSAGE_STATUSES),
    createdAt: timestamp,
    clientMessageId: z.string().optional(),
    segments: z.number().int().optional().meta({ description: 'SMS: parts the carrier sends.' }),
    encoding: z.enum(['GSM-7', 'UCS-2']).optional(),
    priceCents: z.number().int().optional().meta({ description: 'Outbound SMS: what it was charged.' }),
    errorCode: z
      .string()
      .optional()
      .meta({ description: 'SMS: the carrier error of a failed or undelivered message.' }),
    keyword: z.string().optional().meta({ description: 'Inbound SMS: the opt-out/HELP keyword it carried.' }),
  })
  .meta({
    id: 'Message',
    examples: [
      {
        id: 'msg_01JEXAMPLE0000000000000000',
        conversationId: 'conv_01JEXAMPLE0000000000000000',
        sender: { userId: 'usr_01JEXAMPLE0000000000000000', username: 'ada' },
        body: 'Hello @grace',
        mentions: [{ userId: 'usr_01JEXAMPLE0000000000000001', username: 'grace' }],
        attachments: [],
        status: 'sent',
        createdAt: '2026-12-04T10:00:00.000Z',
      },
    ],
  });

export const conversationPageSchema = /* @__PURE__ */ page(conversationSchema);
export const messagePageSchema = /* @__PURE__ */ page(messageSchema);
export const participantListSchema = /* @__PURE__ */ z.object({ items: z.array(participantSchema) });

export const searchHitSchema = /* @__PURE__ */ z
  .object({ message: messageSchema, conversationId: z.string(), highlight: z.string() })
  .meta({ id: 'SearchHit' });
export const searchPageSchema = /* @__PURE__ */ page(searchHitSchema);

export const attachmentUploadSchema = /* @__PURE__ */ z.object({
  attachmentId: z.string(),
  upload: z.object({
    url: z.string(),
    fields: z
      .record(z.string(), z.string())
      .meta({ description: 'Form fields to send with the file (S3 POST).' }),
    expiresAt: timestamp,
  }),
});
