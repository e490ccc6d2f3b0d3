import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../helpers/api';
import type { TestUser } from '../helpers/session';
import {
  balanceOf,
  bearer,
  buy,
  enc,
  firstPayment,
  fundedUser,
  type OwnedNumber,
  ownedNumber,
  stockNumber,
  stockNumbers,
  userWithNumber,
} from './support';

const purchase = (user: TestUser, body: unknown, idempotencyKey?: string) =>
  api.post<OwnedNumber>('/v1/numbers', body, {
    ...bearer(user),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });

describe('POST /v1/numbers', () => {
  it('buys a number: 201 owned number, balance charged setup + first month', async () => {
    const stocked = await stockNumber('GB', 'mobile');
    const user = await fundedUser(firstPayment(stocked) + 50);
    const before = Date.now();

    const response = await purchase(user, { phoneNumber: stocked.phoneNumber });

    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      phoneNumber: stocked.phoneNumber,
      country: 'GB',
      type: 'mobile',
      status: 'active',
      autoRenew: true,
      monthlyPriceCents: stocked.monthlyPriceCents,
      usage: { smsSent: 0, smsReceived: 0 },
    });
    expect(response.json.capabilities).toContain('sms');
    const purchasedAt = Date.parse(response.json.purchasedAt);
    expect(purchasedAt).toBeGreaterThanOrEqual(before - 1000);
    const renewsAt = new Date(response.json.renewsAt);
    const expected = new Date(purchasedAt);
    expected.setUTCMonth(expected.getUTCMonth() + 1);
    expect(Math.abs(renewsAt.getTime() - expected.getTime())).toBeLessThan(4 * 86_400_000);
    expect(response.json.usage.periodStart).toBe(response.json.purchasedAt);
    expect(await balanceOf(user)).toBe(50);
  });

  it('lets exactly one of ten parallel buyers win a number', async () => {
    const stocked = await stockNumber();
    const price = firstPayment(stocked);
    const buyers = await Promise.all(Array.from({ length: 10 }, () => fundedUser(price + 100, 'race')));

    const responses = await Promise.all(
      buyers.map((user) => purchase(user, { phoneNumber: stocked.phoneNumber })),
    );

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.status === 409)) expectProblem(r, 409, 'number_unavailable');
    const winner = buyers[responses.findIndex((r) => r.status === 201)]!;
    const balances = await Promise.all(buyers.map(balanceOf));
    expect(balances.filter((b) => b === 100)).toHaveLength(1);
    expect(balances.filter((b) => b === price + 100)).toHaveLength(9);
    expect(await balanceOf(winner)).toBe(100);
    const owners = await Promise.all(
      buyers.map((user) => api.get(`/v1/numbers/${enc(stocked.phoneNumber)}`, bearer(user))),
    );
    expect(owners.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('replays the first response for the same Idempotency-Key without charging twice', async () => {
    const [first, second] = await stockNumbers(2);
    const user = await fundedUser(firstPayment(first!) * 3);
    const key = randomUUID();

    const original = await purchase(user, { phoneNumber: first!.phoneNumber }, key);
    const replay = await purchase(user, { phoneNumber: first!.phoneNumber }, key);
    const reused = await purchase(user, { phoneNumber: second!.phoneNumber }, key);

    expect(original.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.json).toEqual(original.json);
    expectProblem(reused, 422, 'idempotency_key_reused');
    expect(await balanceOf(user)).toBe(firstPayment(first!) * 2);
    const listed = await api.get<{ items: OwnedNumber[] }>('/v1/numbers', bearer(user));
    expect(listed.json.items.map((n) => n.phoneNumber)).toEqual([first!.phoneNumber]);
  });

  it('is 402 insufficient_funds without enough balance, and the number stays for sale', async () => {
    const stocked = await stockNumber();
    const user = await fundedUser(firstPayment(stocked) - 1);

    const response = await purchase(user, { phoneNumber: stocked.phoneNumber });

    expectProblem(response, 402, 'insufficient_funds');
    expect(await balanceOf(user)).toBe(firstPayment(stocked) - 1);
    const detail = await api.get(`/v1/numbers/available/${enc(stocked.phoneNumber)}`, bearer(user));
    expect(detail.status).toBe(200);
  });

  it("is 403 limit_reached past the plan's number limit (free: 3), also for parallel purchases", async () => {
    const numbers = await stockNumbers(6);
    const user = await fundedUser(numbers.reduce((sum, n) => sum + firstPayment(n), 0));
    await buy(user, numbers[0]!.phoneNumber);

    const parallel = await Promise.all(
      numbers.slice(1, 5).map((n) => purchase(user, { phoneNumber: n.phoneNumber })),
    );
    const after = await purchase(user, { phoneNumber: numbers[5]!.phoneNumber });

    expect(parallel.filter((r) => r.status === 201)).toHaveLength(2);
    for (const r of parallel.filter((r) => r.status !== 201)) expectProblem(r, 403, 'limit_reached');
    expectProblem(after, 403, 'limit_reached');
    const listed = await api.get<{ items: OwnedNumber[] }>('/v1/numbers', bearer(user));
    expect(listed.json.items).toHaveLength(3);
  });

  it('is 409 number_unavailable for a number that is not for sale', async () => {
    const user = await fundedUser(10_000);

    expectProblem(await purchase(user, { phoneNumber: '+14155550123' }), 409, 'number_unavailable');
  });

  it.each([
    ['no phone number', {}],
    ['an invalid phone number', { phoneNumber: '+1415' }],
    ['an unknown field', { phoneNumber: '+14155550123', priceCents: 1 }],
    ['a non-boolean autoRenew', { phoneNumber: '+14155550123', autoRenew: 'yes' }],
    ['both a phone number and a country', { phoneNumber: '+14155550123', country: 'US', type: 'local' }],
    ['a country without a type', { country: 'US' }],
    ['an unknown capability', { country: 'US', type: 'local', capabilities: ['fax'] }],
  ])('rejects %s with 400', async (_name, body) => {
    const user = await fundedUser(0);

    expectProblem(await purchase(user, body), 400, 'validation_failed');
  });
});

describe('POST /v1/numbers { country, type, capabilities? } (any number of a kind)', () => {
  it('buys an available number of that country, type and capabilities at its price', async () => {
    const stocked = await stockNumber('GB', 'mobile');
    const user = await fundedUser(firstPayment(stocked) + 50, 'kind');

    const response = await purchase(user, { country: 'gb', type: 'mobile', capabilities: ['sms'] });

    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ country: 'GB', type: 'mobile', status: 'active' });
    expect(response.json.capabilities).toContain('sms');
    expect(await balanceOf(user)).toBe(50);
    expectProblem(
      await api.get(`/v1/numbers/available/${enc(response.json.phoneNumber)}`, bearer(user)),
      404,
      'not_found',
    );
  });

  it('gives parallel buyers of one kind different numbers', async () => {
    const stocked = await stockNumbers(3, 'CA', 'local');
    const buyers = await Promise.all(
      stocked.map(() => fundedUser(firstPayment(stocked[0]!) + 10, 'kindrace')),
    );

    const responses = await Promise.all(
      buyers.map((user) => purchase(user, { country: 'CA', type: 'local' })),
    );

    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.json.phoneNumber)).size).toBe(3);
  });

  it('is 409 number_unavailable when no number of the kind exists, and charges nothing', async () => {
    const user = await fundedUser(10_000, 'kindnone');

    expectProblem(await purchase(user, { country: 'JP', type: 'local' }), 409, 'number_unavailable');
    expect(await balanceOf(user)).toBe(10_000);
  });
});

describe('owned numbers', () => {
  let owner: TestUser;
  let number: OwnedNumber;

  beforeAll(async () => {
    ({ user: owner, number } = await userWithNumber(0, 'owner'));
  });

  it("lists and shows the caller's numbers", async () => {
    const listed = await api.get<{ items: OwnedNumber[]; nextCursor: string | null }>(
      '/v1/numbers',
      bearer(owner),
    );
    const one = await ownedNumber(owner, number.phoneNumber);

    expect(listed.status).toBe(200);
    expect(listed.json.items).toEqual([number]);
    expect(listed.json.nextCursor).toBeNull();
    expect(one).toEqual(number);
  });

  it("hides another user's number: 404 for read, update and delete", async () => {
    const stranger = await fundedUser(0, 'stranger');
    const path = `/v1/numbers/${enc(number.phoneNumber)}`;

    expectProblem(await api.get(path, bearer(stranger)), 404, 'not_found');
    expectProblem(await api.patch(path, { autoRenew: false }, bearer(stranger)), 404, 'not_found');
    expectProblem(await api.delete(path, bearer(stranger)), 404, 'not_found');
    const list = await api.get<{ items: OwnedNumber[] }>('/v1/numbers', bearer(stranger));
    expect(list.json.items).toEqual([]);
    expect((await ownedNumber(owner, number.phoneNumber)).status).toBe('active');
  });

  it('turns autoRenew off and on; the body is strict', async () => {
    const path = `/v1/numbers/${enc(number.phoneNumber)}`;

    const off = await api.patch<OwnedNumber>(path, { autoRenew: false }, bearer(owner));
    const on = await api.patch<OwnedNumber>(path, { autoRenew: true }, bearer(owner));
    const unknown = await api.patch(path, { autoRenew: true, status: 'expired' }, bearer(owner));

    expect(off.status).toBe(200);
    expect(off.json.autoRenew).toBe(false);
    expect(on.json.autoRenew).toBe(true);
    expectProblem(unknown, 400, 'validation_failed');
  });

  it('is 400 for a malformed number in the path', async () => {
    expectProblem(await api.get('/v1/numbers/not-a-number', bearer(owner)), 400, 'validation_failed');
  });

  it('cancels: 200 { status: cancelled }, still listed until renewsAt, cannot be re-enabled', async () => {
    const { user, number: mine } = await userWithNumber(0, 'cancel');
    const path = `/v1/numbers/${enc(mine.phoneNumber)}`;

    const cancelled = await api.delete<{ status: string }>(path, bearer(user));
    const again = await api.delete<{ status: string }>(path, bearer(user));
    const shown = await ownedNumber(user, mine.phoneNumber);
    const patch = await api.patch(path, { autoRenew: true }, bearer(user));

    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe('cancelled');
    expect(again.status).toBe(200);
    expect(again.json.status).toBe('cancelled');
    expect(shown).toMatchObject({ status: 'cancelled', renewsAt: mine.renewsAt });
    expectProblem(patch, 409, 'invalid_state');
  });
});
