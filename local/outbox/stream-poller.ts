import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** Attempts at one stream record before it is set aside (Lambda: maximumRetryAttempts). */
const MAX_RECORD_ATTEMPTS = 3;

/**
 * The local stand-in for Lambda's DynamoDB event source mapping: reads the table's stream from
 * DynamoDB Local (the same Streams API as AWS) and hands each batch, in the shape Lambda would,
 * to the same consumer code (`platform/outbox-stream-consumer`). Like the event source mapping it keeps
 * a checkpoint per shard (a file in the data directory, so a restarted runtime resumes where it
 * stopped; a fresh one starts at TRIM_HORIZON), retries a failed batch from its first failed
 * record (`batchItemFailures`), and polls quickly (150 ms) so WebSocket pushes done by the
 * consumer stay snappy.
 */
export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly checkpointFile: string;
  readonly handle: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  readonly log: { warn(message: string, meta?: Record<string, unknown>): void };
  /** @default 150 */
  readonly intervalMs?: number;
  /** Records per batch. @default 100 */
  readonly batchSize?: number;
}

interface Checkpoint {
  /** Last sequence number fully handled, per shard. */
  readonly shards: Record<string, { seq?: string; closed?: boolean }>;
}

export interface StreamPoller {
  /** Stops polling after the batch in hand (nothing after the checkpoint is lost). */
  stop(): Promise<void>;
  readonly running: boolean;
  /** Records handled since start. */
  readonly handled: number;
}

export function startStreamPoller(options: StreamPollerOptions): StreamPoller {
  const interval = options.intervalMs ?? 150;
  const checkpoint = loadCheckpoint(options.checkpointFile);
  const iterators = new Map<string, string | undefined>();
  let running = true;
  let handled = 0;
  let wake: (() => void) | undefined;

  const save = () => {
    const tmp = `${options.checkpointFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(checkpoint));
    renameSync(tmp, options.checkpointFile);
  };

  const iteratorFor = async (shardId: string): Promise<string | undefined> => {
    const seq = checkpoint.shards[shardId]?.seq;
    const out = await options.client.send(
      new GetShardIteratorCommand({
        StreamArn: options.streamArn,
        ShardId: shardId,
        ...(seq
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: seq }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator;
  };

  const failures = new Map<string, number>();

  /** Drains what one shard has now; returns true when it made progress. */
  const pollShard = async (shard: Shard): Promise<boolean> => {
    const shardId = shard.ShardId;
    if (!shardId || checkpoint.shards[shardId]?.closed) return false;
    let iterator = iterators.get(shardId) ?? (await iteratorFor(shardId));
    if (!iterator) return false;
    let out: Awaited<ReturnType<typeof getRecords>>;
    try {
      out = await getRecords(iterator);
    } catch (error) {
      if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
        iterators.delete(shardId);
        return false;
      }
      throw error;
    }
    const records = out.Records ?? [];
    if (records.length === 0) {
      if (!out.NextShardIterator) {
        checkpoint.shards[shardId] = { ...checkpoint.shards[shardId], closed: true };
        save();
      }
      iterators.set(shardId, out.NextShardIterator);
      return false;
    }
    const event: DynamoDBStreamEvent = { Records: records.map((r) => toLambdaRecord(r, options.streamArn)) };
    let failedAt: string | undefined;
    try {
      const response = await options.handle(event);
      failedAt = response?.batchItemFailures?.[0]?.itemIdentifier;
    } catch (error) {
      options.log.warn('stream consumer failed; batch will be retried', { error: String(error) });
      failedAt = records[0]?.dynamodb?.SequenceNumber ?? 'all';
    }
    let failedIndex = failedAt
      ? Math.max(
          0,
          records.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt),
        )
      : -1;
    if (failedAt) {
      // Like Lambda's maximumRetryAttempts and on-failure destination: a record that keeps
      // failing is set aside (logged) so it cannot hold up every record behind it.
      const key = `${shardId}:${records[failedIndex]?.dynamodb?.SequenceNumber ?? failedAt}`;
      const attempts = (failures.get(key) ?? 0) + 1;
      failures.set(key, attempts);
      if (attempts >= MAX_RECORD_ATTEMPTS) {
        options.log.warn('stream record kept failing; set aside', { record: key, attempts });
        failures.delete(key);
        failedIndex += 1;
      }
    }
    const done = failedAt ? records.slice(0, failedIndex) : records;
    const last = done.at(-1)?.dynamodb?.SequenceNumber;
    handled += done.length;
    if (last) {
      checkpoint.shards[shardId] = { seq: last };
      save();
    }
    if (failedAt) {
      // Retry from the checkpoint, like Lambda retrying the rest of the batch.
      iterators.delete(shardId);
      return false;
    }
    iterator = out.NextShardIterator;
    iterators.set(shardId, iterator);
    return true;
  };

  const getRecords = (iterator: string) =>
    options.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize ?? 1000 }));

  const loop = (async () => {
    while (running) {
      let progressed = false;
      try {
        const shards = await listShards(options.client, options.streamArn);
        for (const shard of shards) {
          if (!running) break;
          if (await pollShard(shard)) progressed = true;
        }
      } catch (error) {
        options.log.warn('stream poll failed', { error: String(error) });
      }
      if (!progressed && running) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, interval);
        });
      }
    }
  })();

  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    get running() {
      return running;
    },
    get handled() {
      return handled;
    },
  };
}

/** Every shard of the stream, parents before children (DescribeStream pages). */
async function listShards(client: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let start: string | undefined;
  do {
    const out = await client.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }),
    );
    shards.push(...(out.StreamDescription?.Shards ?? []));
    start = out.StreamDescription?.LastEvaluatedShardId;
  } while (start);
  const ids = new Set(shards.map((s) => s.ShardId));
  // A child waits for its parent (still listed) to be drained: ordering per item is kept.
  return shards.sort((a, b) => {
    if (a.ParentShardId === b.ShardId) return 1;
    if (b.ParentShardId === a.ShardId) return -1;
    return (
      (a.ParentShardId && ids.has(a.ParentShardId) ? 1 : 0) -
      (b.ParentShardId && ids.has(b.ParentShardId) ? 1 : 0)
    );
  });
}

function loadCheckpoint(file: string): Checkpoint {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
    return { shards: { ...parsed.shards } };
  } catch {
    return { shards: {} };
  }
}

/** The record as Lambda delivers it (epoch seconds instead of a Date, the event source ARN). */
function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'local',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(d?.ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) }
        : {}),
      Keys: d?.Keys as never,
      NewImage: d?.NewImage as never,
      OldImage: d?.OldImage as never,
      SequenceNumber: d?.SequenceNumber,
      SizeBytes: d?.SizeBytes,
      StreamViewType: d?.StreamViewType,
    },
  };
}
