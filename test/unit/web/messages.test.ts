import type { Message } from '../../../web/src/api/conversations';
import { combineStatusChanges, withStatusChange } from '../../../web/src/lib/messages';

/**
 * Status changes in the web client (web/src/lib/messages.ts, used by the chat's useMessages). A
 * `message.status` event can arrive before the message list has loaded the message; the client
 * keeps it and applies it once the message is there. It used to keep only the status, so an SMS
 * the carrier could not deliver showed "Not delivered" without its error code whenever the
 * receipt beat the list (seen as a timing failure of test/e2e/sms.test.ts under load).
 */
const message = (status: Message['status'], extra: Partial<Message> = {}): Message =>
  ({
    id: 'msg_1',
    conversationId: 'cnv_1',
    sender: { userId: 'usr_1', username: 'ann' },
    body: 'Are you there?',
    mentions: [],
    attachments: [],
    status,
    createdAt: '2026-12-06T04:00:00.000Z',
    ...extra,
  }) as Message;

describe('status changes in the web client', () => {
  it('keeps the carrier error of a change that arrived before the message', () => {
    const early = combineStatusChanges(undefined, {
      status: 'undelivered',
      errorCode: 'TEXT_CARRIER_UNREACHABLE',
    });
    expect(withStatusChange(message('sent'), early)).toMatchObject({
      status: 'undelivered',
      errorCode: 'TEXT_CARRIER_UNREACHABLE',
    });
  });

  it('combines early changes: the later status wins, the error is kept from whichever carried it', () => {
    const sentThenUndelivered = combineStatusChanges(combineStatusChanges(undefined, { status: 'sent' }), {
      status: 'undelivered',
      errorCode: 'TEXT_CARRIER_UNREACHABLE',
    });
    expect(sentThenUndelivered).toEqual({ status: 'undelivered', errorCode: 'TEXT_CARRIER_UNREACHABLE' });
    const lateSent = combineStatusChanges(sentThenUndelivered, { status: 'sent' });
    expect(lateSent).toEqual({ status: 'undelivered', errorCode: 'TEXT_CARRIER_UNREACHABLE' });
  });

  it('never moves a status back, and leaves a message without an error as it is', () => {
    expect(withStatusChange(message('read'), { status: 'sent' })).toEqual(message('read'));
    expect(withStatusChange(message('queued'), { status: 'delivered' })).toEqual(message('delivered'));
  });
});
