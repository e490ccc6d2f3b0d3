import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { port } from '../platform/adapters/port';
import { config } from '../platform/config';
import { segmentSms } from './segments';

/**
 * The carrier adapter: hands one chunk of an SMS to the network. The send worker cuts bodies
 * into chunks (`carrierChunks`) and records each accepted chunk, so a retry never sends a chunk
 * twice.
 * - AWS, default (`SMS_CARRIER=eum`): End User Messaging v2 `SendTextMessage` from the owned
 *   number (`OriginationIdentity`), TRANSACTIONAL, with the deployment's configuration set (its
 *   event destination feeds the delivery receipts) and our ids in `Context`, which every
 *   receipt event carries back.
 * - AWS fallback (`SMS_CARRIER=sns`): SNS `Publish` with `AWS.MM.SMS.OriginationNumber`; no
 *   receipts arrive, so messages stop at `sent`.
 * - Local: the carrier simulator of the local runtime (local/adapters/carrier-simulator.ts), installed
 *   with `carrier.install`; it emits the same receipt events through the same handler.
 */
export interface OutboundSms {
  readonly messageId: string;
  readonly conversationId: string;
  readonly from: string;
  readonly to: string;
  /** One chunk of the message body (at most MAX_CHUNK_CHARS). */
  readonly body: string;
  /** 0-based chunk index and chunk count of the message. */
  readonly chunk: number;
  readonly chunks: number;
  /** Segments of the whole message (the outbox shows them). */
  readonly segments: number;
}

export interface CarrierReceipt {
  /** The carrier's id for the SMS (EUM MessageId / SNS MessageId). */
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
    /** Stored as the message's `errorCode` when it ends `failed`. */
    readonly code: string = 'CARRIER_REFUSED',
  ) {
    super(message);
    this.name = 'CarrierError';
  }
}

/** Most characters one SendTextMessage (and one SNS SMS Publish) accepts. */
export const MAX_CHUNK_CHARS = 1600;

/** `body` cut into carrier-sized chunks at SMS part boundaries (one chunk when it fits). */
export function carrierChunks(body: string): string[] {
  if (body.length <= MAX_CHUNK_CHARS) return [body];
  const chunks: string[] = [];
  let current = '';
  for (const part of segmentSms(body).parts) {
    if (current.length + part.length > MAX_CHUNK_CHARS) {
      chunks.push(current);
      current = '';
    }
    current += part;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** The exact SendTextMessage input for a chunk (asserted by the unit tests). */
export function sendTextMessageInput(sms: OutboundSms, configurationSetName: string | undefined) {
  return {
    DestinationPhoneNumber: sms.to,
    OriginationIdentity: sms.from,
    MessageBody: sms.body,
    MessageType: 'TRANSACTIONAL' as const,
    ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
    Context: {
      messageId: sms.messageId,
      conversationId: sms.conversationId,
      chunk: `${sms.chunk + 1}/${sms.chunks}`,
    },
  };
}

/** The exact Publish input for a chunk (SNS fallback). */
export function publishInput(sms: Pick<OutboundSms, 'from' | 'to' | 'body'>) {
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
  'InternalServerException',
  'KMSThrottlingException',
]);

function carrierErrorOf(service: string, error: unknown): CarrierError {
  const name = (error as { name?: string }).name ?? 'Error';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  const reason = (error as { Reason?: string }).Reason;
  return new CarrierError(
    `${service} failed: ${name}${reason ? ` (${reason})` : ''}`,
    RETRYABLE.has(name) || status >= 500,
    reason ?? name,
  );
}

let eum: PinpointSMSVoiceV2Client | undefined;
let sns: SNSClient | undefined;

export const eumCarrier: Carrier = {
  async send(sms) {
    eum ??= new PinpointSMSVoiceV2Client({ region: config('core').AWS_REGION });
    try {
      const out = await eum.send(
        new SendTextMessageCommand(sendTextMessageInput(sms, config('sms').SMS_CONFIGURATION_SET)),
      );
      return { carrierMessageId: out.MessageId ?? '' };
    } catch (error) {
      throw carrierErrorOf('SendTextMessage', error);
    }
  },
};

export const snsCarrier: Carrier = {
  async send(sms) {
    sns ??= new SNSClient({ region: config('core').AWS_REGION });
    try {
      const out = await sns.send(new PublishCommand(publishInput(sms)));
      return { carrierMessageId: out.MessageId ?? '' };
    } catch (error) {
      throw carrierErrorOf('SNS Publish', error);
    }
  },
};

/**
 * The carrier for this process, by SMS_CARRIER in AWS. Local processes install the outbox
 * carrier (local/adapters/sms-outbox.ts) and the local runtime the carrier simulator
 * (local/adapters/carrier-simulator.ts); tests install failing carriers.
 */
export const carrier = /* @__PURE__ */ port<Carrier>(() =>
  config('sms').SMS_CARRIER === 'sns' ? snsCarrier : eumCarrier,
);
