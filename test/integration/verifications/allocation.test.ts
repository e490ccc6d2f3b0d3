import { monthBucket } from '../../../shared/usage/service';
import { db } from '../../../shared/platform/db/service';
import { api, expectProblem } from '../helpers/api';
import { as, balanceOf, createVerification, created, fundedUser, ledgerFor, seedPool } from './helpers';

/** Allocation: race safety, charging in the same transaction, 402 / 503 / 429 / 400, idempotency. */
describe('POST /v1/verifications: allocation', () => {
  it('20 parallel creates against a 10-number pool: exactly 10 win, distinct numbers, 10 charges', async () => {
    const pool = await seedPool('AU', 10);
    const user = await fundedUser(10_000);

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => createVerification(user, { service: 'telegram', country: 'AU' })),
    );

    const wins = responses.filter((r) => r.status === 201).map((r) => r.json);
    const losses = responses.filter((r) => r.status !== 201);
    expect(wins).toHaveLength(10);
    expect(losses).toHaveLength(10);
    for (const loss of losses) {
      expectProblem(loss, 503, 'no_numbers_available');
      expect(Number(loss.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(new Set(wins.map((v) => v.phoneNumber)).size).toBe(10);
    expect(new Set(wins.map((v) => v.phoneNumber))).toEqual(new Set(pool));
    expect(await balanceOf(user)).toBe(10_000 - 10 * 25);
    const charges = await Promise.all(wins.map((v) => ledgerFor(user, v.id, 'charge')));
    expect(charges.map((c) => c.length)).toEqual(Array(10).fill(1));
  });

  it('answers 201 with the contract shape: pending, 15 minutes, no codes', async () => {
    await seedPool('NZ', 1);
    const user = await fundedUser(1000);
    const before = Date.now();

    const response = await createVerification(user, { service: 'whatsapp', country: 'NZ' });

    expect(response.status).toBe(201);
    const v = response.json;
    expect(v).toEqual(
      expect.objectContaining({
        service: 'whatsapp',
        status: 'pending',
        priceCents: 30,
        codes: [],
        finalCode: null,
        country: 'NZ',
      }),
    );
    expect(v.id).toMatch(/^vrf_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(v.phoneNumber).toMatch(/^\+64\d+$/);
    const lifetime = Date.parse(v.expiresAt) - Date.parse(v.createdAt);
    expect(lifetime).toBe(15 * 60_000);
    expect(Date.parse(v.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(await balanceOf(user)).toBe(1000 - 30);
  });

  it('402 insufficient_funds: nothing allocated, nothing charged, quota given back', async () => {
    await seedPool('IE', 1);
    const user = await fundedUser(10);

    const response = await createVerification(user, { service: 'telegram', country: 'IE' });

    expectProblem(response, 402, 'insufficient_funds');
    expect(await balanceOf(user)).toBe(10);
    const { data: usage } = await db()
      .entities.usageCounter.get({ userId: user.userId, bucket: monthBucket() })
      .go({ consistent: true });
    expect(usage?.verifications ?? 0).toBe(0);
    // The number was not taken: a funded user gets it.
    const rich = await fundedUser(100);
    expect((await createVerification(rich, { service: 'telegram', country: 'IE' })).status).toBe(201);
  });

  it('503 no_numbers_available with Retry-After until the soonest lease ends', async () => {
    await seedPool('BE', 2);
    const user = await fundedUser(1000);
    await created(user, { service: 'google', country: 'BE' });
    await created(user, { service: 'google', country: 'BE' });

    const response = await createVerification(user, { service: 'google', country: 'BE' });

    const problem = expectProblem(response, 503, 'no_numbers_available');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(problem.retryAfter).toBe(retryAfter);
    expect(await balanceOf(user)).toBe(1000 - 2 * 20);
  });

  it('429 rate_limited once the plan quota is used up', async () => {
    await seedPool('AT', 1);
    const user = await fundedUser(1000, 'vrf', 'free');
    await db()
      .entities.usageCounter.update({ userId: user.userId, bucket: monthBucket() })
      .set({ verifications: 500 })
      .go();

    const response = await createVerification(user, { service: 'telegram', country: 'AT' });

    const problem = expectProblem(response, 429, 'rate_limited');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(problem.upgrade).toEqual({ href: '/v1/plans' });
    expect(await balanceOf(user)).toBe(1000);
  });

  it('honours Idempotency-Key: one allocation, one charge, the same answer; another body is 422', async () => {
    await seedPool('SE', 3);
    const user = await fundedUser(1000);

    const first = await createVerification(user, { service: 'uber', country: 'SE' }, 'vrf-key-1');
    const again = await createVerification(user, { service: 'uber', country: 'SE' }, 'vrf-key-1');
    const other = await createVerification(user, { service: 'amazon', country: 'SE' }, 'vrf-key-1');

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expectProblem(other, 422, 'idempotency_key_reused');
    expect(await balanceOf(user)).toBe(1000 - 15);
    expect(await ledgerFor(user, first.json.id, 'charge')).toHaveLength(1);
  });

  it.each([
    [{ service: 'myspace' }, 'body.service'],
    [{}, 'body.service'],
    [{ service: 'telegram', country: 'USA' }, 'body.country'],
    [{ service: 'telegram', country: 'ZZ' }, 'body.country'],
    [{ service: 'telegram', extra: 1 }, 'body'],
  ])('400 validation_failed for %j', async (body, path) => {
    const user = await fundedUser(0);
    const response = await as(user).post('/v1/verifications', body);
    const problem = expectProblem(response, 400, 'validation_failed');
    expect(problem.errors?.some((e) => e.path.startsWith(path))).toBe(true);
  });

  it('401 without credentials; the services catalog is public', async () => {
    expectProblem(await api.post('/v1/verifications', { service: 'telegram' }), 401, 'unauthorized');
    const services = await api.get<Array<{ id: string; name: string; priceCents: number }>>(
      '/v1/verifications/services',
    );
    expect(services.status).toBe(200);
    expect(services.json.length).toBeGreaterThanOrEqual(10);
    for (const id of [
      'telegram',
      'whatsapp',
      'google',
      'microsoft',
      'instagram',
      'facebook',
      'tiktok',
      'uber',
      'amazon',
      'discord',
    ]) {
      expect(services.json).toContainEqual(expect.objectContaining({ id, priceCents: expect.any(Number) }));
    }
  });
});
