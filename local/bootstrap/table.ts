import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { GsiDefinition } from '../../shared/platform/db/table-definition';

export interface TableShape {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly ttlAttribute: string;
  readonly globalSecondaryIndexes: readonly GsiDefinition[];
}

export interface EnsureTableResult {
  readonly created: boolean;
  /** GSIs added to an existing table because an entity declared a new access pattern. */
  readonly addedIndexes: readonly string[];
  readonly ttlEnabled: boolean;
  /** The table's stream (NEW_AND_OLD_IMAGES): the outbox the local stream poller reads. */
  readonly streamArn?: string;
}

/**
 * Creates the single table from the entity-derived shape (the same derivation CDK uses), or
 * brings an existing one up to date: the data directory survives restarts, so an index added by
 * a new entity must be added to the table that is already there.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  shape: TableShape,
): Promise<EnsureTableResult> {
  const existing = await describe(client, tableName);
  let created = false;
  const addedIndexes: string[] = [];
  if (!existing) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: STREAM,
        AttributeDefinitions: attributeDefinitions(shape),
        KeySchema: [
          { AttributeName: shape.partitionKey, KeyType: 'HASH' },
          { AttributeName: shape.sortKey, KeyType: 'RANGE' },
        ],
        ...(shape.globalSecondaryIndexes.length > 0
          ? {
              GlobalSecondaryIndexes: shape.globalSecondaryIndexes.map((gsi) => ({
                IndexName: gsi.indexName,
                KeySchema: [
                  { AttributeName: gsi.partitionKey, KeyType: 'HASH' as const },
                  { AttributeName: gsi.sortKey, KeyType: 'RANGE' as const },
                ],
                Projection: { ProjectionType: 'ALL' as const },
              })),
            }
          : {}),
      }),
    );
    created = true;
  } else {
    const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((gsi) => gsi.IndexName));
    for (const gsi of shape.globalSecondaryIndexes) {
      if (present.has(gsi.indexName)) continue;
      // One index per UpdateTable call, as DynamoDB requires.
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributeDefinitions(shape),
          GlobalSecondaryIndexUpdates: [
            {
              Create: {
                IndexName: gsi.indexName,
                KeySchema: [
                  { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
                  { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              },
            },
          ],
        }),
      );
      addedIndexes.push(gsi.indexName);
    }
  }
  if (existing && !existing.StreamSpecification?.StreamEnabled) {
    // A data directory from before v1.1: turn the outbox stream on.
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: STREAM }));
  }
  const ttlEnabled = await enableTtl(client, tableName, shape.ttlAttribute);
  const streamArn = (await describe(client, tableName))?.LatestStreamArn;
  return { created, addedIndexes, ttlEnabled, ...(streamArn ? { streamArn } : {}) };
}

/** Same as the CDK table: the outbox consumer needs both images to see what changed. */
const STREAM = { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } as const;

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function attributeDefinitions(shape: TableShape): AttributeDefinition[] {
  const names = new Set([shape.partitionKey, shape.sortKey]);
  for (const gsi of shape.globalSecondaryIndexes) {
    names.add(gsi.partitionKey);
    names.add(gsi.sortKey);
  }
  return [...names].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
}

/**
 * Turns TTL on when the emulator accepts it. Code never relies on TTL deletion for correctness
 * (DynamoDB itself deletes late), it filters expired items; this only keeps the local table small.
 */
async function enableTtl(client: DynamoDBClient, tableName: string, attribute: string): Promise<boolean> {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    );
    return true;
  } catch (error) {
    // Already enabled on a previous start is the common case; anything else is reported, not fatal.
    return error instanceof Error && /already enabled/i.test(error.message);
  }
}
