import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { resetConfig } from '../../../shared/config';
import { CarrierError, MAX_PUBLISH_CHARS, publishChunks, snsCarrier } from '../../../shared/sms/carrier';

const sns = mockClient(SNSClient);

beforeEach(() => {
  sns.reset();
  resetConfig();
});

describe('snsCarrier', () => {
  it('publishes to the phone number with the origination number and Transactional type', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });

    const receipt = await snsCarrier.send({
      messageId: 'msg_1',
      from: '+14155550100',
      to: '+447911123456',
      body: 'Your order shipped',
    });

    expect(receipt).toEqual({ carrierMessageId: 'sns-1' });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: '+447911123456',
      Message: 'Your order shipped',
      MessageAttributes: {
        'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+14155550100' },
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      },
    });
  });

  it('sends nothing else: no TopicArn, no TargetArn, no Subject', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-2' });

    await snsCarrier.send({ messageId: 'msg_2', from: '+14155550100', to: '+14155550101', body: 'hi' });

    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(Object.keys(input).sort()).toEqual(['Message', 'MessageAttributes', 'PhoneNumber']);
  });

  it('reports throttling as retryable and a rejected number as final', async () => {
    sns
      .on(PublishCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottledException' }))
      .rejectsOnce(Object.assign(new Error('bad number'), { name: 'InvalidParameterException' }));
    const sms = { messageId: 'msg_3', from: '+14155550100', to: '+14155550101', body: 'hi' };

    const first = await snsCarrier.send(sms).catch((e: unknown) => e);
    const second = await snsCarrier.send(sms).catch((e: unknown) => e);

    expect(first).toBeInstanceOf(CarrierError);
    expect((first as CarrierError).retryable).toBe(true);
    expect(second).toBeInstanceOf(CarrierError);
    expect((second as CarrierError).retryable).toBe(false);
  });

  it('publishes a body over 1600 characters in chunks cut at SMS part boundaries', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-long' });
    const body = 'a'.repeat(4000);

    const receipt = await snsCarrier.send({
      messageId: 'msg_4',
      from: '+14155550100',
      to: '+14155550101',
      body,
    });

    const sent = sns.commandCalls(PublishCommand).map((call) => call.args[0].input.Message ?? '');
    expect(receipt.carrierMessageId).toBe('sns-long');
    expect(sent.join('')).toBe(body);
    expect(
      sent.every(
        (chunk) => (chunk.length <= MAX_PUBLISH_CHARS && chunk.length % 153 === 0) || chunk === sent.at(-1),
      ),
    ).toBe(true);
  });
});

describe('publishChunks', () => {
  it('keeps a body that fits in one Publish whole', () => {
    expect(publishChunks('x'.repeat(MAX_PUBLISH_CHARS))).toEqual(['x'.repeat(MAX_PUBLISH_CHARS)]);
  });

  it('never splits a surrogate pair', () => {
    const chunks = publishChunks('😀'.repeat(900));

    expect(chunks.join('')).toBe('😀'.repeat(900));
    expect(chunks.every((c) => c.isWellFormed() && c.length <= MAX_PUBLISH_CHARS)).toBe(true);
  });
});
