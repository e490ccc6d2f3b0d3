import { EVENT_STATUS, parseSmsEvent } from '../../../shared/sms/receipts';
import { keywordOf } from '../../../shared/sms/opt-outs';

describe('delivery receipt events', () => {
  it('maps End User Messaging SMS event types to statuses', () => {
    expect(EVENT_STATUS).toMatchObject({
      TEXT_SUCCESSFUL: 'sent',
      TEXT_DELIVERED: 'delivered',
      TEXT_CARRIER_UNREACHABLE: 'undelivered',
      TEXT_UNREACHABLE: 'undelivered',
      TEXT_TTL_EXPIRED: 'undelivered',
      TEXT_PROTECT_BLOCKED: 'failed',
      TEXT_INVALID: 'failed',
    });
    expect(EVENT_STATUS.VOICE_COMPLETED).toBeUndefined();
  });

  it('parses the documented event shape and needs our context', () => {
    const event = {
      eventType: 'TEXT_DELIVERED',
      eventVersion: '1.0',
      eventTimestamp: 1686975103470,
      isFinal: true,
      originationPhoneNumber: '+12065550152',
      destinationPhoneNumber: '+14255550156',
      messageId: '862a8790-60c0-4430-9b2b-658bdexample',
      messageStatus: 'DELIVERED',
      context: { messageId: 'msg_1', conversationId: 'conv_1', chunk: '1/1' },
      totalMessageParts: 1,
      totalMessagePrice: 0.00581,
      totalCarrierFee: 0.003,
    };
    expect(parseSmsEvent(JSON.stringify(event))).toMatchObject({
      eventType: 'TEXT_DELIVERED',
      context: { messageId: 'msg_1' },
    });
    expect(parseSmsEvent(JSON.stringify({ ...event, context: {} }))).toBeUndefined();
    expect(parseSmsEvent('not json')).toBeUndefined();
  });
});

describe('CTIA keywords', () => {
  it.each([
    ['STOP', 'opt-out'],
    [' stop ', 'opt-out'],
    ['Unsubscribe', 'opt-out'],
    ['stopall', 'opt-out'],
    ['revoke', 'opt-out'],
    ['START', 'opt-in'],
    ['unstop', 'opt-in'],
    ['yes', 'opt-in'],
    ['HELP', 'help'],
    ['info', 'help'],
  ])('%j is a %s keyword', (body, kind) => {
    expect(keywordOf(body)?.kind).toBe(kind);
  });

  it.each(['stop it', 'please STOP', 'STOP!', '', 'started'])('%j is not a keyword', (body) => {
    expect(keywordOf(body)).toBeUndefined();
  });
});
