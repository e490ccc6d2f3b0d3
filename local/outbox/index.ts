import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { LambdaInvoker } from '../lambda/invoke';
import { createLocalLogger } from '../log';
import { type StreamPoller, startStreamPoller } from './stream-poller';

/** The handler module Lambda's DynamoDB event source invokes in AWS. */
export const STREAM_CONSUMER = 'platform/outbox-stream-consumer';

interface OutboxSetup {
  readonly streamArn: string;
  readonly endpoint: string;
  readonly dataDir: string;
  readonly invoke: LambdaInvoker;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
}

let setup: OutboxSetup | undefined;
let poller: StreamPoller | undefined;

/** Starts (or restarts, from the stored checkpoint) the local stream poller. */
export function startLocalOutbox(next?: OutboxSetup): void {
  if (next) setup = next;
  if (!setup || poller?.running) return;
  const { streamArn, endpoint, dataDir, invoke, credentials } = setup;
  poller = startStreamPoller({
    client: new DynamoDBStreamsClient({ region: 'us-east-1', endpoint, credentials }),
    streamArn,
    checkpointFile: join(dataDir, 'outbox-checkpoint.json'),
    handle: async (event: DynamoDBStreamEvent) =>
      (await invoke(STREAM_CONSUMER, event, { timeoutMs: 60_000 })) as DynamoDBBatchResponse | undefined,
    log: createLocalLogger('local-outbox'),
  });
}

/** Stops the poller (the consumer is "down"); records written meanwhile wait in the stream. */
export async function stopLocalOutbox(): Promise<void> {
  await poller?.stop();
}

export const localOutboxRunning = (): boolean => poller?.running ?? false;
