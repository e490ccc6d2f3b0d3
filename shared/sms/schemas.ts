import * as z from '../platform/zod';
import { nonEmptyString, page, text, timestamp } from '../platform/http/schemas';
import { e164 } from '../numbers/phone';

/** End User Messaging accepts message bodies up to 1600 characters (about 10 GSM-7 parts). */
export const MAX_SMS_CHARS = 1600;

export const sendSmsBody = /* @__PURE__ */ z.strictObject({
  from: e164,
  to: e164,
  body: /* @__PURE__ */ text(1, MAX_SMS_CHARS),
});
export type SendSmsInput = z.infer<typeof sendSmsBody>;

/** POST /v1/sms 202 body. */
export const smsQueuedSchema = /* @__PURE__ */ z.object({
  messageId: /* @__PURE__ */ z.string(),
  conversationId: /* @__PURE__ */ z.string(),
  status: /* @__PURE__ */ z.literal('queued'),
});

/** GET /v1/sms/pricing: one allowed destination and the price of one segment to it. */
export const smsPriceSchema = /* @__PURE__ */ z
  .object({ country: z.string(), perSegmentCents: z.number().check(z.int()) })
  .check(/* @__PURE__ */ z.meta({ id: 'SmsPrice', examples: [{ country: 'US', perSegmentCents: 1 }] }));

/** GET /v1/numbers/{phoneNumber}/opt-outs: a recipient who opted out of the number. */
export const optOutSchema = /* @__PURE__ */ z
  .object({
    phoneNumber: z.string().check(z.meta({ description: 'The recipient who opted out.' })),
    keyword: z.string(),
    optedOutAt: timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'SmsOptOut' }));

export const optOutPageSchema = /* @__PURE__ */ page(optOutSchema);

/** Longest message body the platform stores (conversation messages); the carrier adapter splits it. */
export const MAX_MESSAGE_CHARS = 4000;

/** A queued outbound SMS: what the send worker needs, nothing more. */
export const sendJob = /* @__PURE__ */ z.object({
  messageId: /* @__PURE__ */ nonEmptyString(100),
  conversationId: /* @__PURE__ */ nonEmptyString(100),
  userId: /* @__PURE__ */ nonEmptyString(100),
  from: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(/^\+[1-9]\d{6,14}$/)),
  to: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(/^\+[1-9]\d{6,14}$/)),
  body: /* @__PURE__ */ nonEmptyString(MAX_MESSAGE_CHARS),
  /** When the message (and its outbox row) committed: the outbox row's sort key. */
  queuedAt: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(40))),
});
export type SendJob = z.infer<typeof sendJob>;

/** E.164 shape (inbound numbers are the carrier's word; routing checks them against the inventory). */
const e164Shape = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.regex(/^\+[1-9]\d{6,14}$/, { message: 'Must be an E.164 number.' }));
/** A sender: an E.164 number, a short code (3-8 digits) or an alphanumeric sender id (1-11 chars). */
export const smsSender = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.trim(),
  /* @__PURE__ */ z.regex(/^(\+[1-9]\d{6,14}|\d{3,8}|[A-Za-z0-9][A-Za-z0-9 .&_-]{0,10})$/, {
    message: 'Must be an E.164 number, a short code or an alphanumeric sender id.',
  }),
);

/**
 * The End User Messaging two-way SMS payload, delivered as the JSON string `Records[].Sns.Message`.
 * Only the fields we use are required; the carrier may add more.
 */
export const inboundSmsPayload = /* @__PURE__ */ z.object({
  originationNumber: smsSender,
  destinationNumber: e164Shape,
  messageKeyword: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(100)),
  ),
  messageBody: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(5000)),
  inboundMessageId: /* @__PURE__ */ nonEmptyString(200),
  previousPublishedMessageId: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(200)),
  ),
});
export type InboundSmsPayload = z.infer<typeof inboundSmsPayload>;

/** POST /dev/sms/inbound: a carrier delivering an SMS to a platform number (local runtime). */
export const devInboundBody = /* @__PURE__ */ z.strictObject({
  from: smsSender,
  to: e164Shape,
  body: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(1600)),
  inboundMessageId: /* @__PURE__ */ z.optional(/* @__PURE__ */ nonEmptyString(200)),
});
