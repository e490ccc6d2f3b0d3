import { decodeOpaqueCursor, encodeOpaqueCursor, invalidCursor } from '../platform/http/cursor';

/**
 * Pagination cursors for the numbers and billing queries. ElectroDB's own cursor is the
 * base64url JSON of DynamoDB's LastEvaluatedKey; we wrap it with the cursor's kind and check,
 * before it is used, that it is a key of the very partition being queried. A cursor from another
 * query, another user or a forger is therefore a 400, never a DynamoDB ValidationException (500)
 * and never a way into someone else's partition.
 */
const KEY_FIELD = /^(pk|sk|gsi[0-9]pk|gsi[0-9]sk)$/;

export { invalidCursor };

/**
 * The key range a query reads, from ElectroDB's query params: the partition (`#pk` / `:pk`) and,
 * for a `begins_with` query, the sort-key prefix (`#sk1` / `:sk1`). DynamoDB rejects a start key
 * outside either with a ValidationException, so a cursor is checked against both.
 */
export interface Partition {
  readonly field: string;
  readonly value: string;
  readonly sortField?: string;
  readonly sortPrefix?: string;
}

export function partitionOf(params: unknown): Partition {
  const p = params as {
    KeyConditionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  };
  const field = p.ExpressionAttributeNames?.['#pk'];
  const value = p.ExpressionAttributeValues?.[':pk'];
  if (!field || typeof value !== 'string') throw new Error('Query params carry no partition key');
  const sortField = p.ExpressionAttributeNames?.['#sk1'];
  const sortPrefix = p.ExpressionAttributeValues?.[':sk1'];
  if (
    p.KeyConditionExpression?.includes('begins_with(#sk1, :sk1)') &&
    sortField &&
    typeof sortPrefix === 'string'
  ) {
    return { field, value, sortField, sortPrefix };
  }
  return { field, value };
}

/** Our cursor from ElectroDB's (null when there is no next page). */
export function encodeCursor(kind: string, electroCursor: string | null): string | null {
  if (!electroCursor) return null;
  const key: unknown = JSON.parse(Buffer.from(electroCursor, 'base64url').toString('utf8'));
  return encodeOpaqueCursor(kind, { key });
}

/** ElectroDB's cursor from ours, after checking kind, shape and partition; anything else is a 400. */
export function decodeCursor(kind: string, raw: string | undefined, partition: Partition): string | null {
  if (raw === undefined) return null;
  const { key, ...rest } = decodeOpaqueCursor(kind, raw);
  if (Object.keys(rest).length > 0 || typeof key !== 'object' || key === null) throw invalidCursor();
  const entries = Object.entries(key);
  const wellFormed =
    entries.length >= 2 &&
    entries.length <= 4 &&
    entries.every(
      ([name, value]) => KEY_FIELD.test(name) && typeof value === 'string' && value.length <= 512,
    );
  const values = key as Record<string, unknown>;
  if (!wellFormed || values[partition.field] !== partition.value) throw invalidCursor();
  if (partition.sortField && partition.sortPrefix !== undefined) {
    const sort = values[partition.sortField];
    if (typeof sort !== 'string' || !sort.startsWith(partition.sortPrefix)) throw invalidCursor();
  }
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}
