import * as z from '../platform/zod';
import { cursorParam, limitParam, page, prefixedId, text, timestamp } from '../platform/http/schemas';
import { MESSAGE_STATUSES } from './entities/message';
import { e164 } from '../numbers/phone';

/** Request schemas of the conversations context (../shared/API.md "Conversations and messages"). */

export const MAX_BODY_CHARS = 4000;
/** Participants besides the creator; keeps the send transaction (1 + members + attachments) under 100 items. */
export const MAX_PARTICIPANTS = 49;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export const conversationIdParams = /* @__PURE__ */ z.object({ id: /* @__PURE__ */ prefixedId('conv') });

const usernameRef = /* @__PURE__ */ z.pipe(
  /* @__PURE__ */ z.string().check(
    /* @__PURE__ */ z.trim(),
    /* @__PURE__ */ z.regex(/^@?[a-zA-Z0-9_]{3,30}$/, {
      message: 'Username: 3 to 30 letters, digits or underscores.',
    }),
  ),
  /* @__PURE__ */ z.transform((v: string) => v.replace(/^@/, '').toLowerCase()),
);

// Every call here is `/* @__PURE__ */`, nested ones included: a bundle that does not create
// conversations (list-messages, send-message...) then drops these, and with `e164` the phone
// metadata (libphonenumber-js, ~140 KB). One unmarked nested call would keep them all
// (test/unit/platform/zod.test.ts, "module-level schemas are droppable").
const platformParticipant = /* @__PURE__ */ z.strictObject({ username: usernameRef });
const smsParticipant = /* @__PURE__ */ z.strictObject({ phoneNumber: e164 });
export const participantInput = /* @__PURE__ */ z.union([platformParticipant, smsParticipant]);
export type ParticipantInput = z.infer<typeof participantInput>;

const conversationTitle = /* @__PURE__ */ z.optional(/* @__PURE__ */ text(1, 100));
const participantList = /* @__PURE__ */ z
  .array(participantInput)
  .check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(MAX_PARTICIPANTS));
const fromNumber = /* @__PURE__ */ z.optional(e164);
export const createConversationBody = /* @__PURE__ */ z.strictObject({
  title: conversationTitle,
  participants: participantList,
  fromNumber,
});
export type CreateConversationInput = z.infer<typeof createConversationBody>;

export const listConversationsQuery = /* @__PURE__ */ z.object({
  archived: /* @__PURE__ */ z.pipe(
    /* @__PURE__ */ z._default(
      /* @__PURE__ */ z.enum(['true', 'false'], { message: 'archived must be true or false.' }),
      'false',
    ),
    /* @__PURE__ */ z.transform((v: 'true' | 'false') => v === 'true'),
  ),
  limit: limitParam,
  cursor: cursorParam,
});

export const listMessagesQuery = /* @__PURE__ */ z.object({ limit: limitParam, cursor: cursorParam });

/** Client-chosen id for retries: visible ASCII, no separators that could be confused in keys. */
export const clientMessageId = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.regex(/^[A-Za-z0-9._:-]{1,100}$/, {
    message: 'clientMessageId: 1 to 100 letters, digits or ._:-',
  }),
);

export const sendMessageBody = /* @__PURE__ */ z.strictObject({
  body: /* @__PURE__ */ text(1, MAX_BODY_CHARS),
  clientMessageId: /* @__PURE__ */ z.optional(clientMessageId),
  attachments: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.array(prefixedId('att')).check(
      /* @__PURE__ */ z.maxLength(MAX_ATTACHMENTS_PER_MESSAGE),
      /* @__PURE__ */ z.refine((ids) => new Set(ids).size === ids.length, {
        message: 'Attachment ids must be distinct.',
      }),
    ),
  ),
});

export const markReadBody = /* @__PURE__ */ z.strictObject({ messageId: /* @__PURE__ */ prefixedId('msg') });

export const participantsQuery = /* @__PURE__ */ z.object({
  prefix: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.pipe(
      /* @__PURE__ */ z.string().check(
        /* @__PURE__ */ z.trim(),
        /* @__PURE__ */ z.maxLength(31),
        /* @__PURE__ */ z.regex(/^@?[a-zA-Z0-9_]*$/, {
          message: 'prefix: letters, digits or underscores.',
        }),
      ),
      /* @__PURE__ */ z.transform((v: string) => v.replace(/^@/, '').toLowerCase()),
    ),
  ),
  limit: limitParam,
});

/** `size` and `contentType` are checked by the service: they deserve 413 / 415, not a 400. */
export const createAttachmentBody = /* @__PURE__ */ z.strictObject({
  fileName: /* @__PURE__ */ text(1, 255).check(
    /* @__PURE__ */ z.refine((v: string) => !/[/\\]/.test(v), {
      message: 'fileName must not contain slashes.',
    }),
  ),
  contentType: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(255)),
  size: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1)),
});

export const searchQuery = /* @__PURE__ */ z.object({
  q: /* @__PURE__ */ text(1, 200),
  conversationId: /* @__PURE__ */ z.optional(/* @__PURE__ */ prefixedId('conv')),
  limit: limitParam,
  cursor: cursorParam,
});

// Responses (shared/conversations/views.ts builds them)

export const participantSchema = /* @__PURE__ */ z
  .object({
    userId: z.optional(z.string()),
    username: z.optional(z.string()),
    phoneNumber: z.optional(z.string()),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Participant' }));

export const messagePreviewSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    body: z.string(),
    sender: participantSchema,
    createdAt: timestamp,
    attachmentCount: z.optional(z.number().check(z.int())),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'MessagePreview' }));

export const conversationSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    title: z.nullable(z.string()),
    type: z.enum(['chat', 'sms']),
    fromNumber: z.optional(z.string()),
    participants: z.array(participantSchema),
    lastMessage: z.optional(messagePreviewSchema),
    lastMessageAt: timestamp,
    unreadCount: z.number().check(z.int(), z.minimum(0)),
    archived: z.boolean(),
    createdAt: timestamp,
  })
  .check(
    /* @__PURE__ */ z.meta({
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
    }),
  );

export const attachmentSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().check(z.int()),
    downloadUrl: z.string().check(z.meta({ description: 'Time-limited URL.' })),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Attachment' }));

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
    clientMessageId: z.optional(z.string()),
    segments: z
      .optional(z.number().check(z.int()))
      .check(z.meta({ description: 'SMS: parts the carrier sends.' })),
    encoding: z.optional(z.enum(['GSM-7', 'UCS-2'])),
    priceCents: z
      .optional(z.number().check(z.int()))
      .check(z.meta({ description: 'Outbound SMS: what it was charged.' })),
    errorCode: z
      .optional(z.string())
      .check(z.meta({ description: 'SMS: the carrier error of a failed or undelivered message.' })),
    keyword: z
      .optional(z.string())
      .check(z.meta({ description: 'Inbound SMS: the opt-out/HELP keyword it carried.' })),
  })
  .check(
    /* @__PURE__ */ z.meta({
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
    }),
  );

export const conversationPageSchema = /* @__PURE__ */ page(conversationSchema);
export const messagePageSchema = /* @__PURE__ */ page(messageSchema);
export const participantListSchema = /* @__PURE__ */ z.object({
  items: /* @__PURE__ */ z.array(participantSchema),
});

export const searchHitSchema = /* @__PURE__ */ z
  .object({ message: messageSchema, conversationId: z.string(), highlight: z.string() })
  .check(/* @__PURE__ */ z.meta({ id: 'SearchHit' }));
export const searchPageSchema = /* @__PURE__ */ page(searchHitSchema);

export const attachmentUploadSchema = /* @__PURE__ */ z.object({
  attachmentId: /* @__PURE__ */ z.string(),
  upload: /* @__PURE__ */ z.object({
    url: /* @__PURE__ */ z.string(),
    fields: /* @__PURE__ */ z
      .record(z.string(), z.string())
      .check(/* @__PURE__ */ z.meta({ description: 'Form fields to send with the file (S3 POST).' })),
    expiresAt: timestamp,
  }),
});
