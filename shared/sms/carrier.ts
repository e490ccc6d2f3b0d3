import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { appendJsonLine } from '../adapters/local-files';
import { config, isLocal } from '../config';
import { segmentSms } from './segments';

/**
 * The carrier adapter: hands one SMS to the network.
 * - AWS: SNS `Publish` to the phone number, with `AWS.MM.SMS.OriginationNumber` = the sending
 *   number (End User Messaging then sends from that origination identity) and SMSType
 *   Transactional. SNS splits a body into SMS parts itself but takes at most 1600 characters per
 *   Publish, so longer bodies (conversation messages go up to 4000) are published in chunks cut
 *   at SMS part boundaries.
 * - Local: appends the SMS to the outbox file that `GET /dev/sms/outbox` shows.
 */
export interface OutboundSms {
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
}

export interface CarrierReceipt {
  /** The carrier's id for the SMS (SNS MessageId). */
  readonly carrierMessageId: string;
}

export interface Carrier {
  send(sms: OutboundSms): Promise<CarrierReceipt>;
}

/** The carrier refused the SMS; `retryable` for throttling and transient faults. */
export class CarrierError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'CarrierError';
  }
}

export const OUTBOX_FILE = 'sms-outbox.jsonl';

export interface OutboxEntry extends OutboundSms {
  readonly sentAt: string;
}

/** The exact Publish input for an SMS (asserted by the unit tests). */
export function publishInput(sms: OutboundSms) {
  return {
    PhoneNumber: sms.to,
    Message: sms.body,
    MessageAttributes: {
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: sms.from },
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    },
  };
}

const RETRYABLE = new Set([
  'ThrottledException',
  'ThrottlingException',
  'InternalErrorException',
  'KMSThrottlingException',
]);

let sns: SNSClient | undefined;

/** Most characters one SNS SMS Publish accepts. */
export const MAX_PUBLISH_CHARS = 1600;

/** `body` cut into Publish-sized chunks at SMS part boundaries (one chunk when it fits). */
export function publishChunks(body: string): string[] {
  if (body.length <= MAX_PUBLISH_CHARS) return [body];
  const chunks: string[] = [];
  let current = '';
  for (const part of segmentSms(body).parts) {
    if (current.length + part.length > MAX_PUBLISH_CHARS) {
      chunks.push(current);
      current = '';
    }
    current += part;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

export const snsCarrier: Carrier = {
  async send(sms) {
    sns ??= new SNSClient({ region: config('core').AWS_REGION });
    try {
      let first = '';
      for (const chunk of publishChunks(sms.body)) {
        const out = await sns.send(new PublishCommand(publishInput({ ...sms, body: chunk })));
        first ||= out.MessageId ?? '';
      }
      return { carrierMessageId: first };
    } catch (error) {
      const name = (error as { name?: string }).name ?? 'Error';
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
      throw new CarrierError(`SNS Publish failed: ${name}`, RETRYABLE.has(name) || status >= 500);
    }
  },
};

/**
 * Local stand-in for the network. Destinations in the reserved test range +1 500 555 000x are
 * refused (like a carrier rejecting an unreachable number), so the `failed` status can be seen
 * locally; everything else lands in the outbox.
 */
export const localCarrier: Carrier = {
  async send(sms) {
    if (/^\+1500555000\d$/.test(sms.to))
      throw new CarrierError('Unreachable destination (local test range)', false);
    const entry: OutboxEntry = { ...sms, sentAt: new Date().toISOString() };
    await appendJsonLine(OUTBOX_FILE, entry);
    return { carrierMessageId: `local-${sms.messageId}` };
  },
};

/** The carrier for this runtime. */
export const carrier = (): Carrier => (isLocal() ? localCarrier : snsCarrier);
