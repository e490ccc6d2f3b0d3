import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { handleStreamEvent, routeRecord } from '../../../../shared/platform/outbox/router';

/**
 * The account lifecycle writes records the outbox router has no work for: the deletion record
 * itself, messages whose sender becomes `deleted-user`, and whole conversations removed. They
 * must be routed to nothing (no throw: a throwing record blocks its shard and is retried for a day).
 */
const image = (item: Record<string, unknown>) =>
  marshall(item, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  oldItem?: Record<string, unknown>,
  newItem?: Record<string, unknown>,
): DynamoDBRecord => ({
  eventID: `ev-${Math.random()}`,
  eventName,
  dynamodb: {
    Keys: image({ pk: 'x', sk: 'y' }),
    SequenceNumber: '1',
    ...(oldItem ? { OldImage: image(oldItem) } : {}),
    ...(newItem ? { NewImage: image(newItem) } : {}),
  },
});

const deletion = (status: string, doneSteps: string[]) => ({
  __edb_e__: 'accountDeletion',
  __edb_v__: '1',
  userId: 'usr_1',
  status,
  doneSteps: new Set(doneSteps.length > 0 ? doneSteps : ['none']),
  attempts: 1,
  requestedAt: '2026-01-01T00:00:00.000Z',
  queuedAt: '2026-01-01T00:00:00.000Z',
});

const message = (username: string) => ({
  __edb_e__: 'message',
  __edb_v__: '1',
  conversationId: 'conv_1',
  messageId: 'msg_1',
  sender: { userId: 'usr_1', username },
  body: 'hello',
  status: 'sent',
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('outbox router and account lifecycle records', () => {
  it.each([
    ['deletion queued', record('INSERT', undefined, deletion('pending', []))],
    ['deletion step marked', record('MODIFY', deletion('running', []), deletion('running', ['numbers']))],
    ['deletion done', record('MODIFY', deletion('running', ['numbers']), deletion('done', ['numbers']))],
    ['sender renamed to deleted-user', record('MODIFY', message('alice'), message('deleted-user'))],
    ['message of an erased conversation removed', record('REMOVE', message('alice'))],
  ])('%s: routed to nothing', async (_name, input) => {
    await expect(routeRecord(input)).resolves.toBe(0);
  });

  it('a batch of them reports no failures', async () => {
    const result = await handleStreamEvent({
      Records: [
        record('INSERT', undefined, deletion('pending', [])),
        record('MODIFY', message('alice'), message('deleted-user')),
        record('REMOVE', message('alice')),
      ],
    });
    expect(result).toEqual({ batchItemFailures: [] });
  });
});
