import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../../shared/platform/db/client';
import { READ_BUDGET } from '../../../shared/platform/db/read-budget';
import { ulid } from 'ulid';
import { listAvailableNumbers } from '../../../shared/numbers/inventory';
import { db } from '../../../shared/platform/db/service';
import { historyPage } from '../../../shared/verifications/history';
import { createWebhook, listDeliveries } from '../../../shared/webhooks/service';
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

/** More items than one read budget of a small page can reach. */
const MANY = 400;
/** Ids made `i` seconds after a fixed start: oldest first. */
const idAt = (prefix: string, i: number) => `${prefix}_${ulid(Date.UTC(2026, 0, 1) + i * 1000)}`;

describe('every filtered list reads within the budget and hands out a cursor', () => {
  it('verification history: a filter matching only the oldest of many items', async () => {
    const user = await signedInUser('boundedhistory');
    const items = Array.from({ length: MANY }, (_, i) => ({
      verificationId: idAt('vrf', i),
      userId: user.userId,
      service: i === 0 ? 'google' : 'telegram',
      country: 'SK',
      phoneNumber: '+421900000000',
      status: 'cancelled' as const,
      priceCents: 10,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      expiresAt: new Date(Date.UTC(2026, 0, 1) + i * 1000 + 600_000).toISOString(),
      expiryShard: '0',
    }));
    await db().entities.verification.put(items).go();
    const limit = 5;

    const { result, calls, scanned } = await metered(() =>
      historyPage(user.userId, { service: 'google' }, limit),
    );
    expect(result.items).toEqual([]);
    expect(result.nextCursor).toEqual(expect.any(String));
    expect(calls).toBeLessThanOrEqual(READ_BUDGET.requests);
    expect(scanned).toBeLessThanOrEqual(READ_BUDGET.requests * (limit + 1));

    // Over HTTP, following the cursors reaches the one match, then ends.
    const found: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await api.get<{ items: Array<{ id: string }>; nextCursor: string | null }>(
        `/v1/verifications?service=google&limit=50${suffix}`,
        { token: user.accessToken },
      );
      expect(res.status).toBe(200);
      found.push(...res.json.items.map((v) => v.id));
      cursor = res.json.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(found).toEqual([items[0]!.verificationId]);
    expect(cursor).toBeNull();
  }, 120_000);

  it('webhook deliveries: a status filter matching none of many deliveries', async () => {
    const user = await signedInUser('boundeddeliveries');
    const endpoint = await createWebhook(user.userId, { url: 'http://127.0.0.1:9/hook', events: ['ping'] });
    await db()
      .entities.webhookDelivery.put(
        Array.from({ length: MANY }, (_, i) => ({
          endpointId: endpoint.id,
          deliveryId: idAt('whd', i),
          userId: user.userId,
          eventId: idAt('evt', i),
          type: 'ping',
          payload: '{}',
          status: 'succeeded' as const,
          dueShard: '0',
          nextAttemptAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        })),
      )
      .go();
    const limit = 5;

    const { result, calls, scanned } = await metered(() =>
      listDeliveries(user.userId, endpoint.id, { status: 'failed', limit }),
    );
    expect(result.items).toEqual([]);
    expect(result.nextCursor).toEqual(expect.any(String));
    // One more call: the endpoint's ownership check.
    expect(calls).toBeLessThanOrEqual(READ_BUDGET.requests + 1);
    expect(scanned).toBeLessThanOrEqual(READ_BUDGET.requests * (limit + 1));

    const next = await listDeliveries(user.userId, endpoint.id, {
      status: 'failed',
      limit,
      cursor: result.nextCursor ?? '',
    });
    expect(next.items).toEqual([]);
  }, 120_000);
});
