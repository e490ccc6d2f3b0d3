/**
 * DynamoDB capacity accounting for the bench: a middleware on the one shared DynamoDB client
 * (shared/platform/db/client.ts) asks every command — single-item, Query, batch and transactions — for
 * ReturnConsumedCapacity=INDEXES (TOTAL plus the per-table/per-index split) and adds up what
 * comes back. Nothing in shared code changes: the middleware exists only in the bench process.
 *
 * DynamoDB Local reports capacity for most commands as DynamoDB does (per-item rounding to 1 KB
 * writes / 4 KB reads, GSI writes included, 0.5 for eventually consistent reads), with two
 * deviations, measured on dynamodb_local_2026-01-16 and corrected here:
 * 1. TransactWriteItems is under-reported (a transaction of three small puts reports 2 units,
 *    not 6). A transaction's units are therefore computed from DynamoDB's published rules
 *    instead: 2 WCU per item per started KB on the table, plus 1 WCU per GSI the item is in
 *    (the post-image, read back after the measurement for updates; deleted items are counted as
 *    1 KB without index entries). GSI writes of a transaction are counted at the standard rate.
 * 2. A Query or Scan that finds nothing reports 0; DynamoDB still charges the minimum read
 *    (0.5 RCU, 1 with ConsistentRead).
 */
import { BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB calls and capacity of one measured piece of work. */
export interface Cost {
  readonly calls: number;
  readonly byOperation: Record<string, number>;
  /** Read request units (RRU on demand, RCU provisioned). */
  readonly readUnits: number;
  /** Write request units (WRU on demand, WCU provisioned); transactional writes count double. */
  readonly writeUnits: number;
  /** readUnits + writeUnits. */
  readonly capacityUnits: number;
  readonly ms: number;
}

export interface Meter {
  /** Runs `work` and returns what it cost. Measurements must not overlap. */
  measure(work: () => Promise<unknown>): Promise<Cost>;
  /** Calls and units since the last reset (for work that runs in the background). */
  snapshot(): Promise<Omit<Cost, 'ms'>>;
  reset(): void;
}

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

type Attribute = Record<string, unknown>;
type Item = Record<string, Attribute>;

const READ_COMMANDS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** Size of a number as DynamoDB counts it: about one byte per two significant digits, plus one. */
const numberSize = (n: string) => Math.ceil(n.replace(/^-|\.|^0+|e.*$/gi, '').length / 2) + 1;

/** Size of one AttributeValue (DynamoDB's item-size rules). */
function valueSize(value: Attribute): number {
  if ('S' in value) return utf8(value.S as string);
  if ('N' in value) return numberSize(value.N as string);
  if ('B' in value) return (value.B as Uint8Array).length;
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return (value.SS as string[]).reduce((n, s) => n + utf8(s), 0);
  if ('NS' in value) return (value.NS as string[]).reduce((n, s) => n + numberSize(s), 0);
  if ('L' in value) return 3 + (value.L as Attribute[]).reduce((n, v) => n + 1 + valueSize(v), 0);
  if ('M' in value) {
    const entries = Object.entries(value.M as Item);
    return 3 + entries.reduce((n, [k, v]) => n + 1 + utf8(k) + valueSize(v), 0);
  }
  return 0;
}

export const itemSize = (item: Item): number =>
  Object.entries(item).reduce((n, [name, value]) => n + utf8(name) + valueSize(value), 0);

const kilobytes = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

interface GsiKeys {
  readonly partitionKey: string;
  readonly sortKey: string;
}

/** Transactional write units of one item image: 2 per KB on the table, 1 per KB per GSI it is in. */
function transactionalUnits(item: Item, gsis: readonly GsiKeys[]): number {
  const kb = kilobytes(itemSize(item));
  const indexes = gsis.filter((g) => g.partitionKey in item && g.sortKey in item).length;
  return 2 * kb + indexes * kb;
}

interface PendingLookup {
  readonly table: string;
  readonly key: Item;
}

/** What the serialize step saw of a TransactWriteItems request (the low-level, marshalled input). */
interface TransactionSeen {
  readonly puts: Item[];
  readonly updates: PendingLookup[];
  readonly deletes: number;
}

type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: string[] };

/** DynamoDB JSON of a plain value (what the SDK's marshall does, for the types entities use). */
export function toAttributeValue(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  if (value instanceof Set) {
    const members = [...value];
    return members.every((m) => typeof m === 'number')
      ? { NS: members.map(String) }
      : { SS: members.map(String) };
  }
  if (typeof value === 'object') {
    const out: Record<string, AttributeValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = toAttributeValue(v);
    }
    return { M: out };
  }
  throw new Error(`Cannot marshall a ${typeof value}`);
}

const TYPE_KEYS = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS']);
const isAttributeValue = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  TYPE_KEYS.has(Object.keys(value)[0]!);

/** The marshalled form of an item, whichever form the document client handed the middleware. */
function marshalled(item: Record<string, unknown>): Item {
  if (Object.values(item).every(isAttributeValue)) return item as Item;
  return (toAttributeValue(item) as { M: Item }).M;
}

const meters = new WeakMap<DynamoDBDocumentClient, Meter>();

/** BENCH_TRACE=1 prints every DynamoDB call with the keys it touched and its time (to explain a figure). */
const TRACE = process.env.BENCH_TRACE === '1';

function describe(input: Record<string, unknown>): string {
  const keyOf = (o: unknown) => {
    const r = o as Record<string, unknown> | undefined;
    const pk = r?.pk as unknown;
    const text = typeof pk === 'string' ? pk : ((pk as { S?: string } | undefined)?.S ?? '?');
    return text.slice(0, 40);
  };
  if (input.Key) return `key=${keyOf(input.Key)}`;
  if (input.Item) return `item=${keyOf(input.Item)}`;
  if (input.IndexName || input.KeyConditionExpression) {
    const values = JSON.stringify(input.ExpressionAttributeValues ?? {}).slice(0, 80);
    return `query ${String(input.IndexName ?? 'table')} ${values}`;
  }
  if (input.TransactItems) {
    const items = input.TransactItems as Array<Record<string, { Key?: unknown; Item?: unknown }>>;
    return `tx[${items.map((e) => `${Object.keys(e)[0]}:${keyOf(Object.values(e)[0]?.Key ?? Object.values(e)[0]?.Item)}`).join(', ')}]`;
  }
  if (input.RequestItems) {
    const all = Object.values(input.RequestItems as Record<string, unknown>);
    return `batch ${JSON.stringify(all).length} bytes, ${all.map((t) => (Array.isArray(t) ? t.length : ((t as { Keys?: unknown[] }).Keys?.length ?? 0))).join('+')} items`;
  }
  return '';
}

/**
 * Counts DynamoDB calls and consumed capacity on a client (installed once per client).
 * `gsis` are the table's global secondary indexes (shared/platform/db/table-definition.ts).
 */
export function instrument(client: DynamoDBDocumentClient, gsis: readonly GsiKeys[] = []): Meter {
  const existing = meters.get(client);
  if (existing) return existing;
  let calls: Record<string, number> = {};
  let read = 0;
  let write = 0;
  let lookups: PendingLookup[] = [];
  const seen = new WeakMap<object, TransactionSeen>();

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      const operation = context.commandName ?? 'unknown';
      calls[operation] = (calls[operation] ?? 0) + 1;
      const started = performance.now();
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
      if (TRACE)
        process.stderr.write(
          `[ddb] ${operation} ${describe(input)} ${JSON.stringify(output.ConsumedCapacity ?? null)} ${(performance.now() - started).toFixed(1)} ms\n`,
        );
      const transaction = seen.get(context);
      if (transaction) {
        for (const put of transaction.puts) write += transactionalUnits(put, gsis);
        write += 2 * transaction.deletes;
        lookups.push(...transaction.updates);
        return result;
      }
      const consumed = output.ConsumedCapacity;
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        let units = c.CapacityUnits ?? 0;
        if (units === 0 && (operation === 'QueryCommand' || operation === 'ScanCommand')) {
          units = input.ConsistentRead === true ? 1 : 0.5;
        }
        if (READ_COMMANDS.has(operation)) read += units;
        else write += units;
      }
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity', override: true },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        const items =
          (
            args.input as {
              TransactItems?: Array<Record<string, { Item?: Item; Key?: Item; TableName?: string }>>;
            }
          ).TransactItems ?? [];
        const transaction: TransactionSeen = { puts: [], updates: [], deletes: 0 };
        for (const entry of items) {
          if (entry.Put?.Item) transaction.puts.push(marshalled(entry.Put.Item));
          else if (entry.Update?.Key)
            transaction.updates.push({
              table: entry.Update.TableName ?? '',
              key: marshalled(entry.Update.Key),
            });
          else if (entry.Delete) (transaction as { deletes: number }).deletes += 1;
        }
        seen.set(context, transaction);
      }
      return next(args);
    },
    { step: 'serialize', priority: 'high', name: 'benchTransactionItems', override: true },
  );

  // Post-images of transactional updates, read after the measured work with a client of its own.
  let raw: DynamoDBClient | undefined;
  const settle = async () => {
    const pending = lookups;
    lookups = [];
    if (pending.length === 0) return;
    raw ??= new DynamoDBClient({
      region: process.env.AWS_REGION ?? 'us-east-1',
      ...(process.env.DYNAMODB_ENDPOINT
        ? {
            endpoint: process.env.DYNAMODB_ENDPOINT,
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }
        : {}),
    });
    // The same item may have been updated by several transactions (a balance): read it once.
    const unique = new Map<string, PendingLookup>();
    for (const lookup of pending) unique.set(`${lookup.table}|${JSON.stringify(lookup.key)}`, lookup);
    const units = new Map<string, number>();
    const keys = [...unique];
    for (let i = 0; i < keys.length; i += 100) {
      const chunk = keys.slice(i, i + 100);
      const byTable = new Map<string, Item[]>();
      for (const [, { table, key }] of chunk) byTable.set(table, [...(byTable.get(table) ?? []), key]);
      const out = await raw.send(
        new BatchGetItemCommand({
          RequestItems: Object.fromEntries(
            [...byTable].map(([table, keyList]) => [table, { Keys: keyList as never, ConsistentRead: true }]),
          ),
        }),
      );
      for (const [table, items] of Object.entries(out.Responses ?? {})) {
        for (const item of items as unknown as Item[]) {
          const match = chunk.find(
            ([, l]) =>
              l.table === table &&
              Object.entries(l.key).every(([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v)),
          );
          if (match) units.set(match[0], transactionalUnits(item, gsis));
        }
      }
    }
    // An updated item that is gone again (deleted later in the same work) counts as 1 KB.
    for (const lookup of pending) write += units.get(`${lookup.table}|${JSON.stringify(lookup.key)}`) ?? 2;
  };

  const snapshot = async () => {
    await settle();
    return {
      calls: Object.values(calls).reduce((a, b) => a + b, 0),
      byOperation: { ...calls },
      readUnits: round(read),
      writeUnits: round(write),
      capacityUnits: round(read + write),
    };
  };
  const reset = () => {
    calls = {};
    read = 0;
    write = 0;
    lookups = [];
  };
  const meter: Meter = {
    async measure(work) {
      reset();
      const started = performance.now();
      await work();
      const ms = round(performance.now() - started);
      return { ...(await snapshot()), ms };
    },
    snapshot,
    reset,
  };
  meters.set(client, meter);
  return meter;
}

/** The meter of the shared client (the process env must already point at the runtime). */
export async function sharedMeter(): Promise<Meter> {
  const { dynamo } = await import('../../shared/platform/db/client');
  const { tableDefinition } = await import('../../shared/platform/db/table-definition');
  return instrument(dynamo(), tableDefinition().globalSecondaryIndexes);
}

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
