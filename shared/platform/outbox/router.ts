import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { ConversationItem } from '../../conversations/entities/conversation';
import type { MessageItem } from '../../conversations/entities/message';
import { runMessageEffects } from '../../conversations/effects';
import { toMessage } from '../../conversations/views';
import { db } from './db';
import type { QueuedNotificationItem } from '../../notifications/entities/queued-notification';
import { deliverQueuedNotification } from '../../notifications/queue';
import type { OwnedNumberItem } from '../../numbers/entities/owned-number';
import { toOwnedView } from '../../numbers/service';
import { logger } from '../observability/logger';
import type { VerificationItem } from '../../verifications/entities/verification';
import { toView as toVerificationView } from '../../verifications/views';
import { fanOut, type RoutedEvent } from '../../webhooks/events';
import { eventIdOf } from '../../webhooks/ids';
import type { WebhookEventType } from '../../webhooks/schemas';

/**
 * The transactional outbox: the table's stream (DynamoDB Streams in AWS, the same Streams API of
 * DynamoDB Local locally) is the record of committed writes, and this router turns each record
 * into its post-commit work. Only committed writes reach a stream, so nothing happens for a
 * write that failed; a record stays in the stream (24 h) until its work succeeded, so nothing
 * is lost when the request that wrote it dies after the commit.
 *
 * - message INSERT: search indexing, WebSocket fan-out and receipts (../conversations/effects.ts,
 *   skipped when the request already did them), then `message.created` (chat) or
 *   `sms.received` (an inbound SMS).
 * - message status change of an outbound SMS → `sms.status`.
 * - verification codes appended → `verification.code`; → expired → `verification.expired`.
 * - queued notification INSERT: its push and email (../../notifications/queue.ts), at least once.
 * - owned number renewal notice sent → `number.renewal_due`; → expired → `number.expired`.
 *
 * Every step is idempotent (event and delivery ids derive from the stream record), so a
 * retried batch or a restarted poller re-routes records without duplicates.
 */

type Image = Record<string, unknown>;

const ENTITY_FIELD = '__edb_e__';

const imageOf = (raw: unknown): Image | undefined =>
  raw ? (unmarshall(raw as Record<string, AttributeValue>) as Image) : undefined;

export { ROUTED_ENTITIES } from './routed-entities';

/** Items routed at once within a batch (records of one item stay in order). */
const ITEM_CONCURRENCY = 16;

/**
 * The Lambda handler's body. Records of the same item are routed in order; different items are
 * independent (every consumer is idempotent and statuses only move forward), so they are routed
 * side by side, like Lambda's per-key parallelisation. On failures the earliest failed record is
 * reported: the batch is retried from there, and records after it are routed again (harmless).
 */
export async function handleStreamEvent(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const byItem = new Map<string, { index: number; record: DynamoDBRecord }[]>();
  event.Records.forEach((record, index) => {
    const key = JSON.stringify(record.dynamodb?.Keys ?? index);
    const list = byItem.get(key) ?? [];
    list.push({ index, record });
    byItem.set(key, list);
  });
  const groups = [...byItem.values()];
  let firstFailure = Number.POSITIVE_INFINITY;
  const runGroup = async (group: { index: number; record: DynamoDBRecord }[]) => {
    for (const { index, record } of group) {
      if (index > firstFailure) return;
      try {
        await routeRecord(record);
      } catch (error) {
        logger.error('Outbox record failed; it will be retried', {
          eventID: record.eventID,
          error: error as Error,
        });
        firstFailure = Math.min(firstFailure, index);
        return;
      }
    }
  };
  for (let i = 0; i < groups.length; i += ITEM_CONCURRENCY) {
    await Promise.all(groups.slice(i, i + ITEM_CONCURRENCY).map(runGroup));
  }
  if (!Number.isFinite(firstFailure)) return { batchItemFailures: [] };
  const id = event.Records[firstFailure]?.dynamodb?.SequenceNumber;
  return { batchItemFailures: id ? [{ itemIdentifier: id }] : [] };
}

export async function routeRecord(record: DynamoDBRecord): Promise<number> {
  const next = imageOf(record.dynamodb?.NewImage);
  const prev = imageOf(record.dynamodb?.OldImage);
  const entity = (next ?? prev)?.[ENTITY_FIELD];
  const at = (record.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000;
  const source = record.eventID ?? `${record.dynamodb?.SequenceNumber ?? ''}`;
  const routed: RoutedEvent[] = [];
  const emit = (type: WebhookEventType, userIds: readonly string[], data: unknown, createdAt?: string) =>
    routed.push({
      event: {
        id: eventIdOf(`${source}\u0000${type}`, Math.floor(at)),
        type,
        createdAt: createdAt ?? new Date(Math.floor(at)).toISOString(),
        data,
      },
      userIds,
    });

  if (entity === 'message' && next) {
    const message = next as unknown as MessageItem;
    if (record.eventName === 'INSERT') {
      const conv = await conversationOf(message.conversationId);
      if (conv) {
        await runMessageEffects(conv, message);
        const view = await toMessage(message);
        const users = conv.participants.flatMap((p) => (p.userId ? [p.userId] : []));
        if (message.sender.phoneNumber) {
          emit(
            'sms.received',
            users,
            { conversationId: conv.conversationId, message: view },
            message.createdAt,
          );
        } else if (conv.type === 'chat') {
          emit(
            'message.created',
            users,
            { conversationId: conv.conversationId, message: view },
            message.createdAt,
          );
        }
      }
    } else if (record.eventName === 'MODIFY' && prev && prev.status !== next.status) {
      const isOutboundSms = message.segments !== undefined && message.sender.userId !== undefined;
      if (isOutboundSms && message.sender.userId) {
        emit('sms.status', [message.sender.userId], {
          conversationId: message.conversationId,
          messageId: message.messageId,
          status: message.status,
        });
      }
    }
  } else if (entity === 'verification' && next && record.eventName !== 'REMOVE') {
    const item = next as unknown as VerificationItem;
    const before = (prev?.codes as unknown[] | undefined)?.length ?? 0;
    if ((item.codes?.length ?? 0) > before) {
      emit('verification.code', [item.userId], toVerificationView(item));
    }
    if (item.status === 'expired' && prev?.status !== 'expired') {
      emit('verification.expired', [item.userId], toVerificationView(item));
    }
  } else if (entity === 'queuedNotification' && next && record.eventName === 'INSERT') {
    await deliverQueuedNotification(next as unknown as QueuedNotificationItem);
  } else if (entity === 'ownedNumber' && next && record.eventName !== 'REMOVE') {
    const item = next as unknown as OwnedNumberItem;
    if (item.noticeSentFor && item.noticeSentFor !== prev?.noticeSentFor) {
      emit('number.renewal_due', [item.userId], toOwnedView(item));
    }
    if (item.status === 'expired' && prev?.status !== 'expired') {
      emit('number.expired', [item.userId], toOwnedView(item));
    }
  }
  return routed.length > 0 ? fanOut(routed) : 0;
}

async function conversationOf(conversationId: string): Promise<ConversationItem | undefined> {
  const { data } = await db().entities.conversation.get({ conversationId }).go({ consistent: true });
  return data ?? undefined;
}
