import { upperBoundOf, withKeyRanges } from '../../../local/adapters/dynamodb-local';

const GREATEST = String.fromCodePoint(0x10ffff);
const valuesOf = (input: { ExpressionAttributeValues?: object }) =>
  (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;

describe("DynamoDB Local's dialect: key-condition prefixes sent as ranges", () => {
  it('rewrites a begins_with of the key condition into BETWEEN the prefix and its greatest key', () => {
    const input = {
      TableName: 't',
      KeyConditionExpression: '#pk = :pk and begins_with(#sk1, :sk1)',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk1': 'sk' },
      ExpressionAttributeValues: { ':pk': 'user#1', ':sk1': '$scope_1#' },
      FilterExpression: 'begins_with(#name, :v0)',
      Limit: 21,
    };
    const out = withKeyRanges(input);
    expect(out.KeyConditionExpression).toBe('#pk = :pk and #sk1 BETWEEN :sk1 AND :sk1_upper');
    expect(valuesOf(out)[':sk1_upper']).toBe(upperBoundOf('$scope_1#'));
    // The filter acts on items already read: it keeps its begins_with; the rest is untouched.
    expect(out.FilterExpression).toBe(input.FilterExpression);
    expect(out.Limit).toBe(21);
    // The caller's input is not changed (ElectroDB reuses it for the next page).
    expect(input.KeyConditionExpression).toBe('#pk = :pk and begins_with(#sk1, :sk1)');
    expect(Object.keys(input.ExpressionAttributeValues)).toEqual([':pk', ':sk1']);
  });

  it('keeps the marshalled form of a low-level request', () => {
    const out = withKeyRanges({
      KeyConditionExpression: 'pk = :p AND begins_with( sk , :a )',
      ExpressionAttributeValues: { ':p': { S: 'x' }, ':a': { S: 'm_' } },
    });
    expect(out.KeyConditionExpression).toBe('pk = :p AND sk BETWEEN :a AND :a_upper');
    expect(valuesOf(out)[':a_upper']).toEqual({ S: upperBoundOf('m_') });
  });

  it('leaves every other query as it is (same object)', () => {
    for (const input of [
      { KeyConditionExpression: '#pk = :pk', ExpressionAttributeValues: { ':pk': 'a' } },
      {
        KeyConditionExpression: '#pk = :pk and #sk1 < :sk1',
        ExpressionAttributeValues: { ':pk': 'a', ':sk1': 'b' },
      },
      {
        KeyConditionExpression: '#pk = :pk and begins_with(#sk1, :sk1)',
        ExpressionAttributeValues: { ':pk': 'a', ':sk1': { N: '1' } },
      },
      {
        KeyConditionExpression: '#pk = :pk and begins_with(#sk1, :sk1)',
        ExpressionAttributeValues: { ':pk': 'a', ':sk1': 'x'.repeat(1021) },
      },
    ]) {
      expect(withKeyRanges(input)).toBe(input);
    }
  });

  it('never takes a value name the request already uses', () => {
    const out = withKeyRanges({
      KeyConditionExpression: '#pk = :pk and begins_with(#sk1, :sk1)',
      ExpressionAttributeValues: { ':pk': 'a', ':sk1': 'b', ':sk1_upper': 'taken' },
    });
    expect(out.KeyConditionExpression).toBe('#pk = :pk and #sk1 BETWEEN :sk1 AND :sk1_upper_');
    expect(valuesOf(out)[':sk1_upper']).toBe('taken');
  });

  it('bounds with U+10FFFF up to the 1,024-byte sort-key limit', () => {
    const bound = upperBoundOf('ab')!;
    expect(bound.startsWith('ab')).toBe(true);
    expect(Buffer.byteLength(bound)).toBeLessThanOrEqual(1024);
    expect(Buffer.byteLength(bound)).toBeGreaterThan(1020);
    expect(bound.slice(2)).toBe(GREATEST.repeat(255));
    expect(upperBoundOf('é'.repeat(510))).toBe(`${'é'.repeat(510)}${GREATEST}`);
    expect(upperBoundOf('x'.repeat(1021))).toBeUndefined();
  });
});
