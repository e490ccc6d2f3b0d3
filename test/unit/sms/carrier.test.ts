import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { resetConfig } from '../../../shared/platform/config';
import {
  CarrierError,
  carrier,
  carrierChunks,
  eumCarrier,
  MAX_CHUNK_CHARS,
  type OutboundSms,
  snsCarrier,
} from '../../../shared/sms/carrier';

const eum = mockClient(PinpointSMSVoiceV2Client);
const sns = mockClient(SNSClient);

const sms = (over: Partial<OutboundSms> = {}): OutboundSms => ({
  messageId: 'msg_1',
  conversationId: 'conv_1',
  from: '+14155550100',
  to: '+447911123456',
  body: 'Your order shipped',
  chunk: 0,
  chunks: 1,
  segments: 1,
  ...over,
});

beforeEach(() => {
  eum.reset();
  sns.reset();
  delete process.env.SMS_CARRIER;
  process.env.SMS_CONFIGURATION_SET = 'smsproj-config-set';
  resetConfig();
});

afterAll(() => {
  delete process.env.SMS_CONFIGURATION_SET;
  resetConfig();
});

describe('eumCarrier (End User Messaging v2, the default)', () => {
  it('is the carrier unless SMS_CARRIER=sns', () => {
    expect(carrier()).toBe(eumCarrier);
    process.env.SMS_CARRIER = 'sns';
    resetConfig();
    expect(carrier()).toBe(snsCarrier);
  });

  it('sends SendTextMessage from the owned number, TRANSACTIONAL, with the configuration set and our ids as Context', async () => {
    eum.on(SendTextMessageCommand).resolves({ MessageId: 'eum-1' });

    const receipt = await eumCarrier.send(sms());

    expect(receipt).toEqual({ carrierMessageId: 'eum-1' });
    expect(eum).toHaveReceivedCommandTimes(SendTextMessageCommand, 1);
    const input = eum.commandCalls(SendTextMessageCommand)[0]!.args[0].input;
    expect(input).toEqual({
      DestinationPhoneNumber: '+447911123456',
      OriginationIdentity: '+14155550100',
      MessageBody: 'Your order shipped',
      MessageType: 'TRANSACTIONAL',
      ConfigurationSetName: 'smsproj-config-set',
      Context: { messageId: 'msg_1', conversationId: 'conv_1', chunk: '1/1' },
    });
  });

  it('reports throttling as retryable and a refusal as final, with the reason as code', async () => {
    eum
      .on(SendTextMessageCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }))
      .rejectsOnce(
        Object.assign(new Error('opted out'), {
          name: 'ConflictException',
          Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
        }),
      );

    const first = await eumCarrier.send(sms()).catch((e: unknown) => e);
    const second = await eumCarrier.send(sms()).catch((e: unknown) => e);

    expect(first).toBeInstanceOf(CarrierError);
    expect((first as CarrierError).retryable).toBe(true);
    expect(second).toBeInstanceOf(CarrierError);
    expect((second as CarrierError).retryable).toBe(false);
    expect((second as CarrierError).code).toBe('DESTINATION_PHONE_NUMBER_OPTED_OUT');
  });
});

describe('snsCarrier (fallback)', () => {
  it('publishes to the phone number with the origination number and Transactional type, nothing else', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });

    const receipt = await snsCarrier.send(sms());

    expect(receipt).toEqual({ carrierMessageId: 'sns-1' });
    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input).toEqual({
      PhoneNumber: '+447911123456',
      Message: 'Your order shipped',
      MessageAttributes: {
        'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+14155550100' },
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      },
    });
  });
});

describe('carrierChunks', () => {
  it('keeps a body that fits in one chunk', () => {
    expect(carrierChunks('hello')).toEqual(['hello']);
  });

  it('cuts a 4000-character body at SMS part boundaries into chunks of at most 1600 characters', () => {
    const body = 'a'.repeat(4000);
    const chunks = carrierChunks(body);
    expect(chunks.join('')).toBe(body);
    expect(chunks.every((c) => c.length <= MAX_CHUNK_CHARS)).toBe(true);
    expect(chunks.every((c, i) => i === chunks.length - 1 || c.length % 153 === 0)).toBe(true);
  });
});
