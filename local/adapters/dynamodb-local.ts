import type { DynamoDialect } from '../../shared/platform/db/client';

/**
 * DynamoDB Local answers a Query whose key condition is `begins_with(sk, prefix)` by going
 * through the whole partition: its time grows with everything else the partition holds (a
 * user's partition holds their conversation list, verifications and numbers), while DynamoDB
 * reads only the key range. A range condition it answers from the key index. So the local
 * runtime sends every `begins_with` of a key condition as the same range:
 * `sk BETWEEN prefix AND prefix + U+10FFFF…`. Both order keys by their UTF-8 bytes, and U+10FFFF
 * (F4 8F BF BF) is the greatest character, repeated up to the 1,024-byte limit of a sort key: every
 * key that starts with the prefix sorts at or below the bound, and no other key sorts between the
 * two. (The one exception would be a key that continues a run of U+10FFFF noncharacters to the
 * size limit and beyond the bound's length, which no key of this table can be.)
 * FilterExpressions keep their begins_with (they act on items already read).
 */
const BEGINS_WITH = /begins_with\(\s*(#?\w+)\s*,\s*(:\w+)\s*\)/g;

const MAX_SORT_KEY_BYTES = 1024;
const GREATEST = String.fromCodePoint(0x10ffff);

/** The greatest sort key that starts with `prefix`, or undefined when the prefix leaves no room. */
export function upperBoundOf(prefix: string): string | undefined {
  const room = Math.floor((MAX_SORT_KEY_BYTES - Buffer.byteLength(prefix, 'utf8')) / 4);
  return room > 0 ? prefix + GREATEST.repeat(room) : undefined;
}

/** An expression value: a document client's plain string, a marshalled `{ S }`, or anything else (left alone). */
type Value = unknown;

const textOf = (value: Value): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof (value as { S?: unknown })?.S === 'string'
      ? (value as { S: string }).S
      : undefined;

/** The same value's form (a document client's plain string, or a marshalled `{ S }`). */
const like = (value: Value, text: string): Value => (typeof value === 'string' ? text : { S: text });

interface QueryInput {
  KeyConditionExpression?: string;
  ExpressionAttributeValues?: Record<string, Value>;
}

/** A Query's input with each key-condition begins_with as its range; anything else as it was. */
export function withKeyRanges<T extends QueryInput>(input: T): T {
  const condition = input.KeyConditionExpression;
  const values = input.ExpressionAttributeValues;
  if (!condition || !values || !condition.includes('begins_with')) return input;
  const added: Record<string, Value> = {};
  const rewritten = condition.replace(BEGINS_WITH, (whole, name: string, ref: string) => {
    const prefix = textOf(values[ref]);
    const upper = prefix === undefined ? undefined : upperBoundOf(prefix);
    if (upper === undefined) return whole;
    let bound = `${ref}_upper`;
    while (bound in values || bound in added) bound += '_';
    added[bound] = like(values[ref], upper);
    return `${name} BETWEEN ${ref} AND ${bound}`;
  });
  if (rewritten === condition) return input;
  return { ...input, KeyConditionExpression: rewritten, ExpressionAttributeValues: { ...values, ...added } };
}

/** DynamoDB Local's dialect: key-condition prefixes as ranges (above). */
export const dynamoDbLocalDialect: DynamoDialect = {
  setUp(client) {
    client.middlewareStack.add(
      (next, context) => async (args) =>
        context.commandName === 'QueryCommand'
          ? next({ ...args, input: withKeyRanges(args.input as QueryInput) })
          : next(args),
      { step: 'initialize', name: 'dynamoDbLocalKeyRanges' },
    );
  },
};
