import type { SNSEvent } from 'aws-lambda';
import { findOrCreateSmsConversation } from '../conversations/service/conversations';
import { storeMessageOnce } from '../conversations/service/messages';
import { isConditionalFailure } from '../platform/db/errors';
import { ttlIn } from '../platform/db/schema';
import { db } from './db';
import { newId } from '../platform/ids';
import { logger } from '../platform/observability/logger';
import { recordNumberUsage, routeOf } from '../numbers/ownership';
import { bestEffort } from '../platform/best-effort';
import { recordUsage } from '../usage/service';
import { handleVerificationSms } from '../verifications/inbound';
import { type InboundSmsPayload, inboundSmsPayload } from './schemas';
import { applyKeyword, type Keyword, keywordOf, keywordReply } from './opt-outs';
import { segmentSms } from './segments';
import { sendPlatformReply } from './send';

/**
 * Inbound SMS: End User Messaging two-way SMS publishes each message to an SNS topic; the
 * `sms/inbound` Lambda receives `Records[].Sns.Message`, the JSON payload
 * `{ originationNumber, destinationNumber, messageKeyword, messageBody, inboundMessageId,
 * previousPublishedMessageId }`. Locally `POST /dev/sms/inbound` builds the same event.
 *
 * Delivery can repeat and arrive out of order, so each `inboundMessageId` is claimed once
 * (conditional put, one-week TTL); the claim is released if routing fails, so the retry SNS makes
 * after a thrown error can redo the work. Routing by destination:
 * - a number a user owns (active, or cancelled within its period): the owner's SMS conversation
 *   with the sender (created if needed), `message.created` pushed, usage counted for the user and
 *   the number;
 * - a verification-pool number: `routeToVerifications` (the verifications context);
 * - anything else: logged and dropped.
 */
const DEDUPE_SECONDS = 7 * 24 * 3600;
/** Longest body stored in a conversation (the API's message limit). */
const MAX_STORED_BODY = 4000;
const E164_SHAPE = /^\+[1-9]\d{6,14}$/;

export type InboundOutcome = 'owner' | 'verification' | 'dropped' | 'duplicate' | 'invalid';

/** Validates one SNS message body; undefined when it is not a two-way SMS payload. */
export function parseInboundMessage(message: string): InboundSmsPayload | undefined {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return undefined;
  }
  const parsed = inboundSmsPayload.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** The Lambda's work: every record is received; malformed ones are logged and dropped. */
export async function handleInboundSnsEvent(event: SNSEvent): Promise<InboundOutcome[]> {
  const outcomes: InboundOutcome[] = [];
  for (const record of event.Records) {
    const sms = parseInboundMessage(record.Sns.Message);
    if (!sms) {
      logger.warn('Dropping an SNS message that is not a two-way SMS payload', {
        snsMessageId: record.Sns.MessageId,
      });
      outcomes.push('invalid');
      continue;
    }
    outcomes.push(await receiveSms(sms, record.Sns.Timestamp || new Date().toISOString()));
  }
  return outcomes;
}

/** The SNS event End User Messaging would publish for this SMS (used by `/dev/sms/inbound`). */
export function inboundSnsEvent(sms: {
  from: string;
  to: string;
  body: string;
  inboundMessageId?: string;
  at?: Date;
}): SNSEvent {
  const at = (sms.at ?? new Date()).toISOString();
  const payload: InboundSmsPayload = {
    originationNumber: sms.from,
    destinationNumber: sms.to,
    messageKeyword: (sms.body.trim().split(/\s+/)[0] ?? '').toUpperCase().slice(0, 100),
    messageBody: sms.body,
    inboundMessageId: sms.inboundMessageId ?? crypto.randomUUID(),
    previousPublishedMessageId: newId('local'),
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:local:000000000000:sms-inbound:local',
        Sns: {
          Type: 'Notification',
          MessageId: crypto.randomUUID(),
          TopicArn: 'arn:aws:sns:local:000000000000:sms-inbound',
          Subject: '',
          Message: JSON.stringify(payload),
          Timestamp: at,
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      },
    ],
  };
}

export async function receiveSms(sms: InboundSmsPayload, receivedAt: string): Promise<InboundOutcome> {
  const markers = db().entities.smsDedupe;
  try {
    await markers
      .create({ kind: 'inbound', id: sms.inboundMessageId, at: receivedAt, ttl: ttlIn(DEDUPE_SECONDS) })
      .go();
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
    logger.info('Duplicate inbound SMS dropped', { inboundMessageId: sms.inboundMessageId });
    return 'duplicate';
  }
  try {
    return await route(sms, receivedAt);
  } catch (error) {
    await markers.delete({ kind: 'inbound', id: sms.inboundMessageId }).go();
    throw error;
  }
}

async function route(sms: InboundSmsPayload, receivedAt: string): Promise<InboundOutcome> {
  const target = await routeOf(sms.destinationNumber, new Date(receivedAt));
  switch (target.kind) {
    case 'owned':
      return deliverToOwner(target.userId, sms, receivedAt);
    case 'verification-pool':
      await routeToVerifications(sms, receivedAt);
      return 'verification';
    default:
      logger.info('Inbound SMS to a number nobody holds: dropped', {
        to: sms.destinationNumber,
        inboundMessageId: sms.inboundMessageId,
      });
      return 'dropped';
  }
}

async function deliverToOwner(
  userId: string,
  sms: InboundSmsPayload,
  receivedAt: string,
): Promise<InboundOutcome> {
  if (!E164_SHAPE.test(sms.originationNumber)) {
    logger.info('Inbound SMS from a non-phone sender to an owned number: dropped', {
      to: sms.destinationNumber,
      inboundMessageId: sms.inboundMessageId,
    });
    return 'dropped';
  }
  const conversation = await findOrCreateSmsConversation({
    userId,
    fromNumber: sms.destinationNumber,
    peerNumber: sms.originationNumber,
  });
  const keyword = keywordOf(sms.messageBody);
  const { segments, encoding } = segmentSms(sms.messageBody);
  // The carrier's id is the message's client id: a redelivery after a failure further down
  // (the marker is released for it) finds the stored message instead of storing it again.
  const stored = await storeMessageOnce({
    conversationId: conversation.id,
    sender: { phoneNumber: sms.originationNumber },
    body: sms.messageBody.slice(0, MAX_STORED_BODY),
    clientMessageId: sms.inboundMessageId,
    segments,
    encoding,
    externalId: sms.inboundMessageId,
    ...(keyword ? { keyword: keyword.keyword } : {}),
  });
  if (keyword) {
    await answerKeyword(userId, conversation.id, sms, keyword, !stored.created, receivedAt);
  }
  if (stored.created) {
    await bestEffort('inbound usage', () =>
      Promise.all([
        recordUsage(userId, 'smsReceived', 1),
        recordNumberUsage(userId, sms.destinationNumber, 'smsReceived'),
      ]),
    );
  }
  return 'owner';
}

/**
 * CTIA keywords: opt-out / opt-in state per (number, recipient), and one reply from the
 * platform. A repeated STOP changes nothing and gets no second reply; a redelivery of the same
 * inbound SMS (`redelivered`) completes a reply that may not have gone out, which the reply's
 * client id keeps to one.
 */
async function answerKeyword(
  userId: string,
  conversationId: string,
  sms: InboundSmsPayload,
  keyword: Keyword,
  redelivered: boolean,
  receivedAt: string,
): Promise<void> {
  const changed = await applyKeyword({
    userId,
    phoneNumber: sms.destinationNumber,
    recipient: sms.originationNumber,
    keyword,
    at: receivedAt,
  });
  if (!changed && !redelivered) return;
  await sendPlatformReply({
    userId,
    conversationId,
    from: sms.destinationNumber,
    to: sms.originationNumber,
    body: keywordReply(keyword.kind, sms.destinationNumber),
    clientMessageId: `reply-${sms.inboundMessageId}`,
  });
}

/** The routing point into the verifications context: SMS to a verification-pool number. */
export async function routeToVerifications(sms: InboundSmsPayload, receivedAt: string): Promise<void> {
  const result = await handleVerificationSms({
    to: sms.destinationNumber,
    from: sms.originationNumber,
    body: sms.messageBody,
    receivedAt,
    inboundMessageId: sms.inboundMessageId,
  });
  logger.info('Inbound SMS handed to verifications', { to: sms.destinationNumber, outcome: result.outcome });
}
