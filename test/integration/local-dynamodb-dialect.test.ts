import { DynamoDBClient, QueryCommand as RawQuery } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { dynamoDbLocalDialect } from '../../local/adapters/dynamodb-local';
import { EMULATOR_CREDENTIALS } from '../../shared/platform/config';
import { dynamo, tableName } from '../../shared/platform/db/client';
import { db } from '../../shared/platform/db/service';

/**
 * The local runtime sends key-condition prefixes to DynamoDB Local as ranges
 * (local/adapters/dynamodb-local.ts): against the emulator itself, the range must find exactly
 * the keys begins_with finds, in the same order, with paging, and every data-layer query must
 * reach it in that form.
 */
const PREFIX = 'p';
/** Sort keys around the prefix's edges: below it, within it (BMP, astral, U+10FFFF), above it. */
const KEYS = [
  'o\uffff',
  'p',
  'pa',
  'p\u007f',
  'p\u00e9',
  'p\ud7ff',
  'p\ue000',
  'p\uffff',
  'p\uffff\uffff',
  'p\u{10000}',
  'p\u{10ffff}',
  'p\u{10ffff}z',
  'q',
  'q\u0000',
];
const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const expected = KEYS.filter((k) => k.startsWith(PREFIX)).sort(utf8Order);

/** The KeyConditionExpression of every request `client` sends while `fn` runs. */
async function sentConditions(
  client: { middlewareStack: DynamoDBClient['middlewareStack'] },
  fn: () => Promise<unknown>,
): Promise<string[]> {
  const seen: string[] = [];
  const name = `record-${ulid()}`;
  client.middlewareStack.add(
    (next) => async (args) => {
      const raw = (args.request as { body?: string | Uint8Array }).body;
      const body = typeof raw === 'string' ? raw : raw ? new TextDecoder().decode(raw) : undefined;
      const condition = body
        ? (JSON.parse(body) as { KeyConditionExpression?: string }).KeyConditionExpression
        : undefined;
      if (condition) seen.push(condition);
      return next(args);
    },
    { step: 'finalizeRequest', name },
  );
  try {
    await fn();
  } finally {
    client.middlewareStack.remove(name);
  }
  return seen;
}

describe("DynamoDB Local's dialect (key-condition prefixes as ranges)", () => {
  const pk = `test#dialect#${ulid()}`;

  beforeAll(async () => {
    await dynamo().send(
      new BatchWriteCommand({
        RequestItems: { [tableName()]: KEYS.map((sk) => ({ PutRequest: { Item: { pk, sk } } })) },
      }),
    );
  });

  const query = (forward: boolean, limit?: number, start?: Record<string, unknown>) =>
    dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: '#pk = :pk and begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': pk, ':prefix': PREFIX },
        ScanIndexForward: forward,
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );

  it.each([true, false])(
    'finds exactly the keys that start with the prefix (forward: %s)',
    async (forward) => {
      const { Items } = await query(forward);
      expect(Items?.map((i) => i.sk)).toEqual(forward ? expected : [...expected].reverse());
    },
  );

  it('pages through them like begins_with', async () => {
    const keys: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await query(true, 3, start);
      keys.push(...(page.Items ?? []).map((i) => i.sk as string));
      start = page.LastEvaluatedKey;
    } while (start);
    expect(keys).toEqual(expected);
  });

  it('is what the emulator receives: from the document client, and from ElectroDB', async () => {
    const client = dynamo();
    expect(await sentConditions(client, () => query(true))).toEqual([
      '#pk = :pk and #sk BETWEEN :prefix AND :prefix_upper',
    ]);
    const electro = await sentConditions(client, () =>
      db()
        .entities.searchScope.query.primary({ userId: `usr_${ulid()}` })
        .go(),
    );
    expect(electro).toHaveLength(1);
    expect(electro[0]).toMatch(/BETWEEN :sk1 AND :sk1_upper/);
    expect(electro[0]).not.toMatch(/begins_with/);
  });

  it('answers the same as begins_with sent as it is (a client without the dialect)', async () => {
    const emulatorClient = () =>
      new DynamoDBClient({
        region: process.env.AWS_REGION,
        endpoint: process.env.DYNAMODB_ENDPOINT,
        credentials: EMULATOR_CREDENTIALS,
      });
    const plain = emulatorClient();
    const local = emulatorClient();
    dynamoDbLocalDialect.setUp(local);
    const command = () =>
      new RawQuery({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: pk }, ':prefix': { S: PREFIX } },
        ScanIndexForward: false,
      });
    expect(await sentConditions(plain, () => plain.send(command()))).toEqual([
      'pk = :pk AND begins_with(sk, :prefix)',
    ]);
    const [a, b] = await Promise.all([plain.send(command()), local.send(command())]);
    expect(b.Items).toEqual(a.Items);
    expect(b.Items?.map((i) => i.sk?.S)).toEqual([...expected].reverse());
  });
});
