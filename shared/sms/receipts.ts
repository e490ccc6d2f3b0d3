import type { SNSEvent } from 'aws-lambda';
import * as z from '../platform/zod';
import { nonEmptyString } from '../platform/http/schemas';
import { logger } from '../platform/observability/logger';
import { applySmsStatus, type SmsStatus } from './status';

/**
 * Delivery receipts: the End User Messaging configuration set's event destination (an SNS topic)
 * delivers each SMS event as the JSON string `Records[].Sns.Message` (AWS docs "Example event
 * data"). `context` is the map `SendTextMessage` sent, so it carries our message id. Locally the
 * carrier simulator builds the same SNS events and invokes the same handler.
 *
 * Event types (AWS End User Messaging SMS "Event types for SMS"):
 * - TEXT_SUCCESSFUL (accepted by the recipient's carrier), TEXT_QUEUED, TEXT_PENDING -> `sent`
 * - TEXT_DELIVERED -> `delivered`
 * - refusals before any carrier took it: TEXT_PROTECT_BLOCKED, TEXT_INVALID,
 *   TEXT_INVALID_MESSAGE -> `failed` (refunded)
 * - TEXT_BLOCKED, TEXT_TTL_EXPIRED, TEXT_CARRIER_UNREACHABLE, TEXT_CARRIER_BLOCKED,
 *   TEXT_UNREACHABLE, TEXT_SPAM, TEXT_UNKNOWN -> `undelivered` (the carrier charged for it)
 * Anything else (voice, MMS, registration events) is ignored.
 */
export const EVENT_STATUS: Readonly<Record<string, SmsStatus>> = {
  TEXT_SUCCESSFUL: 'sent',
  TEXT_QUEUED: 'sent',
  TEXT_PENDING: 'sent',
  TEXT_DELIVERED: 'delivered',
  TEXT_PROTECT_BLOCKED: 'failed',
  TEXT_INVALID: 'failed',
  TEXT_INVALID_MESSAGE: 'failed',
  TEXT_BLOCKED: 'undelivered',
  TEXT_TTL_EXPIRED: 'undelivered',
  TEXT_CARRIER_UNREACHABLE: 'undelivered',
  TEXT_CARRIER_BLOCKED: 'undelivered',
  TEXT_UNREACHABLE: 'undelivered',
  TEXT_SPAM: 'undelivered',
  TEXT_UNKNOWN: 'undelivered',
};

export const smsEvent = /* @__PURE__ */ z.object({
  eventType: /* @__PURE__ */ nonEmptyString(64),
  eventTimestamp: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  isFinal: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  originationPhoneNumber: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(32)),
  ),
  destinationPhoneNumber: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(32)),
  ),
  messageId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(200))),
  messageStatus: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(64)),
  ),
  messageStatusDescription: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(1000)),
  ),
  context: /* @__PURE__ */ z.object({
    messageId: /* @__PURE__ */ nonEmptyString(100),
    conversationId: /* @__PURE__ */ nonEmptyString(100),
  }),
  totalMessageParts: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  totalMessagePrice: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  totalCarrierFee: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
});
export type SmsEvent = z.infer<typeof smsEvent>;

export type ReceiptOutcome = 'applied' | 'unchanged' | 'ignored' | 'invalid';

export function parseSmsEvent(message: string): SmsEvent | undefined {
  try {
    const parsed = smsEvent.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Applies one receipt event (forward-only; repeats and late events change nothing). */
export async function applyReceipt(event: SmsEvent): Promise<ReceiptOutcome> {
  const status = EVENT_STATUS[event.eventType];
  if (!status) return 'ignored';
  const price =
    event.totalMessagePrice !== undefined || event.totalCarrierFee !== undefined
      ? (event.totalMessagePrice ?? 0) + (event.totalCarrierFee ?? 0)
      : undefined;
  const changed = await applySmsStatus(event.context.conversationId, event.context.messageId, status, {
    ...(status === 'failed' || status === 'undelivered' ? { errorCode: event.eventType } : {}),
    ...(price !== undefined && price > 0 ? { carrierPriceUsd: price } : {}),
    ...(event.messageId ? { externalId: event.messageId } : {}),
  });
  return changed ? 'applied' : 'unchanged';
}

/** The Lambda's work: every record is tried; malformed ones are logged and dropped. */
export async function handleReceiptSnsEvent(event: SNSEvent): Promise<ReceiptOutcome[]> {
  const outcomes: ReceiptOutcome[] = [];
  for (const record of event.Records) {
    const parsed = parseSmsEvent(record.Sns.Message);
    if (!parsed) {
      logger.warn('Dropping an SMS event without our context', { snsMessageId: record.Sns.MessageId });
      outcomes.push('invalid');
      continue;
    }
    outcomes.push(await applyReceipt(parsed));
  }
  return outcomes;
}

/** The SNS event End User Messaging's event destination delivers for these SMS events. */
export function receiptSnsEvent(events: readonly SmsEvent[], at: Date = new Date()): SNSEvent {
  return {
    Records: events.map((event) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:local:000000000000:sms-events:local',
      Sns: {
        Type: 'Notification',
        MessageId: crypto.randomUUID(),
        TopicArn: 'arn:aws:sns:local:000000000000:sms-events',
        Subject: '',
        Message: JSON.stringify(event),
        Timestamp: at.toISOString(),
        SignatureVersion: '1',
        Signature: '',
        SigningCertUrl: '',
        UnsubscribeUrl: '',
        MessageAttributes: {},
      },
    })),
  };
}
