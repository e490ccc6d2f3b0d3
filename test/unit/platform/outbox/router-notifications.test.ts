import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

jest.mock('../../../../shared/notifications/service', () => ({ notify: jest.fn(async () => undefined) }));

import { notify } from '../../../../shared/notifications/service';
import { routeRecord } from '../../../../shared/platform/outbox/router';
import { ROUTED_ENTITIES } from '../../../../shared/platform/outbox/routed-entities';

/**
 * Queued notifications (shared/notifications/queue.ts): a request stores one, the outbox consumer
 * delivers it through `notify` (push and email per the preferences) — once per INSERT record.
 */
const image = (item: Record<string, unknown>) =>
  marshall(item, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

const queued = {
  __edb_e__: 'queuedNotification',
  __edb_v__: '1',
  notificationId: 'ntf_1',
  userId: 'usr_1',
  preference: 'usageWarnings',
  kind: 'usage.approaching_limit',
  title: 'You have used 80 % of this month’s SMS',
  body: '400 of 500 SMS used this month.',
  ref: 'smsPerMonth',
  createdAt: '2026-01-01T00:00:00.000Z',
  ttl: 1,
};

const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  item: Record<string, unknown>,
): DynamoDBRecord => ({
  eventID: `ev-${eventName}`,
  eventName,
  dynamodb: {
    Keys: image({ pk: 'x', sk: 'y' }),
    SequenceNumber: '1',
    ...(eventName === 'REMOVE' ? { OldImage: image(item) } : { NewImage: image(item) }),
  },
});

describe('outbox router: queued notifications', () => {
  beforeEach(() => jest.mocked(notify).mockClear());

  it('is an entity the stream filter lets through', () => {
    expect(ROUTED_ENTITIES).toContain('queuedNotification');
  });

  it('delivers an inserted notification through notify, with every field', async () => {
    await routeRecord(record('INSERT', { ...queued, email: false, emailText: 'longer' }));
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith('usr_1', 'usageWarnings', {
      kind: 'usage.approaching_limit',
      title: queued.title,
      body: queued.body,
      ref: 'smsPerMonth',
      email: false,
      emailText: 'longer',
    });
  });

  it('leaves optional fields out when the notification had none', async () => {
    await routeRecord(record('INSERT', queued));
    expect(jest.mocked(notify).mock.calls[0]?.[2]).toEqual({
      kind: queued.kind,
      title: queued.title,
      body: queued.body,
      ref: queued.ref,
    });
  });

  it('does nothing when the item expires (TTL removal) or changes', async () => {
    await routeRecord(record('REMOVE', queued));
    await routeRecord(record('MODIFY', queued));
    expect(notify).not.toHaveBeenCalled();
  });

  it('a failed delivery fails the record, so the stream retries it', async () => {
    jest.mocked(notify).mockRejectedValueOnce(new Error('SES throttled'));
    await expect(routeRecord(record('INSERT', queued))).rejects.toThrow('SES throttled');
  });
});
