import { inboundSnsEvent, parseInboundMessage } from '../../../shared/sms/inbound';
import { devInboundBody, sendSmsBody } from '../../../shared/sms/schemas';

const payload = {
  originationNumber: '+14255550182',
  destinationNumber: '+12125550199',
  messageKeyword: 'KEYWORD_123456789012',
  messageBody: 'Hello there',
  inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
  previousPublishedMessageId: 'wJ0OwAvRdq5DGiA3ZiMVEDfpWV1OZEF7P5nGt0z8N6K9eRpSj0U2w2wh',
};

describe('parseInboundMessage', () => {
  it('accepts the End User Messaging two-way payload', () => {
    expect(parseInboundMessage(JSON.stringify(payload))).toEqual(payload);
  });

  it('accepts a payload without the optional fields and ignores unknown ones', () => {
    const { messageKeyword: _k, previousPublishedMessageId: _p, ...minimal } = payload;

    expect(parseInboundMessage(JSON.stringify({ ...minimal, extra: 1 }))).toEqual(minimal);
  });

  it.each([
    ['not JSON', 'hello'],
    ['JSON but not an object', '42'],
    ['no inboundMessageId', JSON.stringify({ ...payload, inboundMessageId: undefined })],
    ['an empty inboundMessageId', JSON.stringify({ ...payload, inboundMessageId: '' })],
    ['a destination that is not E.164', JSON.stringify({ ...payload, destinationNumber: '2125550199' })],
    ['a body that is not a string', JSON.stringify({ ...payload, messageBody: 7 })],
  ])('rejects %s', (_name, message) => {
    expect(parseInboundMessage(message)).toBeUndefined();
  });

  it('accepts short codes and alphanumeric senders', () => {
    expect(parseInboundMessage(JSON.stringify({ ...payload, originationNumber: '22000' }))).toBeDefined();
    expect(parseInboundMessage(JSON.stringify({ ...payload, originationNumber: 'Google' }))).toBeDefined();
  });
});

describe('inboundSnsEvent', () => {
  it('builds the SNS event whose Message parses back to the same SMS', () => {
    const event = inboundSnsEvent({
      from: '+14255550182',
      to: '+12125550199',
      body: 'code 1234',
      inboundMessageId: 'in-1',
    });

    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]!.EventSource).toBe('aws:sns');
    expect(parseInboundMessage(event.Records[0]!.Sns.Message)).toMatchObject({
      originationNumber: '+14255550182',
      destinationNumber: '+12125550199',
      messageBody: 'code 1234',
      inboundMessageId: 'in-1',
      messageKeyword: 'CODE',
    });
  });

  it('gives each message a fresh inboundMessageId unless one is given', () => {
    const id = (e: ReturnType<typeof inboundSnsEvent>) =>
      parseInboundMessage(e.Records[0]!.Sns.Message)?.inboundMessageId;
    const a = inboundSnsEvent({ from: '+14255550182', to: '+12125550199', body: 'x' });
    const b = inboundSnsEvent({ from: '+14255550182', to: '+12125550199', body: 'x' });

    expect(id(a)).not.toEqual(id(b));
  });
});

describe('request schemas', () => {
  it('rejects unknown fields and invalid numbers when sending', () => {
    expect(sendSmsBody.safeParse({ from: '+14155550100', to: '+14155550101', body: 'hi' }).success).toBe(
      true,
    );
    expect(
      sendSmsBody.safeParse({ from: '+14155550100', to: '+14155550101', body: 'hi', x: 1 }).success,
    ).toBe(false);
    expect(sendSmsBody.safeParse({ from: '+14155550100', to: '4155550101', body: 'hi' }).success).toBe(false);
    expect(sendSmsBody.safeParse({ from: '+14155550100', to: '+14155550101', body: '' }).success).toBe(false);
    expect(
      sendSmsBody.safeParse({ from: '+14155550100', to: '+14155550101', body: 'x'.repeat(1601) }).success,
    ).toBe(false);
  });

  it('validates the dev inbound body', () => {
    expect(devInboundBody.safeParse({ from: '+14255550182', to: '+12125550199', body: 'hi' }).success).toBe(
      true,
    );
    expect(devInboundBody.safeParse({ from: '+14255550182', to: 'nope', body: 'hi' }).success).toBe(false);
    expect(devInboundBody.safeParse({ from: '+14255550182', to: '+12125550199' }).success).toBe(false);
  });
});
