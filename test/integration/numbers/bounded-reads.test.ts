import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../../shared/platform/db/client';
import { READ_BUDGET } from '../../../shared/platform/db/read-budget';
import { listAvailableNumbers } from '../../../shared/numbers/inventory';
import { api } from '../helpers/api';
import { signedInUser } from '../helpers/session';

/** Every DynamoDB call this process makes while `fn` runs: calls and items read (ScannedCount). */
async function metered<T>(fn: () => Promise<T>): Promise<{ result: T; calls: number; scanned: number }> {
  const client = dynamo();
  const send = client.send.bind(client) as (command: unknown) => Promise<{ ScannedCount?: number }>;
  let calls = 0;
  let scanned = 0;
  const spy = jest.spyOn(client, 'send').mockImplementation((async (command: unknown) => {
    calls += 1;
    const out = await send(command);
    scanned += out.ScannedCount ?? 0;
    return out;
  }) as unknown as DynamoDBDocumentClient['send']);
  try {
    return { result: await fn(), calls, scanned };
  } finally {
    spy.mockRestore();
  }
}

describe('filtered lists read a bounded amount per request', () => {
  it('GET /v1/numbers/available?contains=000000000000 stops at its read budget with a nextCursor', async () => {
    // The marketplace holds far more than one budget of available numbers (the seeded catalog).
    const limit = 5;
    const { result, calls, scanned } = await metered(() =>
      listAvailableNumbers({ contains: '000000000000', limit }),
    );
    expect(result.items).toEqual([]);
    expect(result.nextCursor).not.toBeNull();
    expect(calls).toBeLessThanOrEqual(READ_BUDGET.requests);
    expect(scanned).toBeLessThanOrEqual(READ_BUDGET.requests * limit);

    // Over HTTP: the cursor continues the walk (never a 5xx, never a repeat of the first window).
    const user = await signedInUser('bounded');
    const first = await api.get<{ items: unknown[]; nextCursor: string | null }>(
      '/v1/numbers/available?contains=000000000000&limit=5',
      { token: user.accessToken },
    );
    expect(first.status).toBe(200);
    expect(first.json.items).toEqual([]);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const next = await api.get<{ items: unknown[] }>(
      `/v1/numbers/available?contains=000000000000&limit=5&cursor=${first.json.nextCursor}`,
      { token: user.accessToken },
    );
    expect(next.status).toBe(200);
  });

  it('still fills a page when matches are dense', async () => {
    const { result } = await metered(() => listAvailableNumbers({ country: 'US', limit: 3 }));
    expect(result.items).toHaveLength(3);
  });
});
