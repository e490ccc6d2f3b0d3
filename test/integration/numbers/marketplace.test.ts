import { isE164 } from '../../../shared/numbers/phone';
import { api, expectProblem } from '../helpers/api';
import { onPlan, signedInUser, type TestUser } from '../helpers/session';
import { bearer, buy, enc, fundedUser, firstPayment, stockNumber } from './support';

interface Listed {
  phoneNumber: string;
  country: string;
  region?: string;
  type: string;
  capabilities: string[];
  monthlyPriceCents: number;
  setupPriceCents: number;
}
interface ListPage {
  items: Listed[];
  nextCursor: string | null;
}

let user: TestUser;

beforeAll(async () => {
  // Many listing calls from one user: more than the free plan's burst of 20.
  user = await onPlan(await signedInUser('market'), 'business');
});

const list = (query: string) => api.get<ListPage>(`/v1/numbers/available${query}`, bearer(user));

describe('GET /v1/numbers/available', () => {
  it.each(['US', 'CA', 'GB', 'DE', 'FR'])('stocks valid SMS-capable %s numbers', async (country) => {
    const response = await list(`?country=${country}&limit=100`);

    expect(response.status).toBe(200);
    expect(response.json.items.length).toBeGreaterThanOrEqual(10);
    for (const item of response.json.items) {
      expect(isE164(item.phoneNumber)).toBe(true);
      expect(item.country).toBe(country);
      expect(item.capabilities).toContain('sms');
      expect(['local', 'mobile', 'tollfree']).toContain(item.type);
      expect(Number.isInteger(item.monthlyPriceCents)).toBe(true);
    }
  });

  it('walks every page of a filtered listing without gaps or repeats', async () => {
    const all = await list('?country=FR&limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(
        `?country=FR&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.json.items.map((i) => i.phoneNumber));
      cursor = page.json.nextCursor;
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.json.items.map((i) => i.phoneNumber).sort());
  });

  it('filters by type, capability and digits', async () => {
    const tollfree = await list('?country=US&type=tollfree');
    const mms = await list('?capability=mms&limit=50');
    const contains = await list('?country=US&contains=415&limit=50');

    expect(tollfree.json.items.length).toBeGreaterThan(0);
    expect(tollfree.json.items.every((i) => i.type === 'tollfree' && i.country === 'US')).toBe(true);
    expect(mms.json.items.length).toBeGreaterThan(0);
    expect(mms.json.items.every((i) => i.capabilities.includes('mms'))).toBe(true);
    expect(contains.json.items.length).toBeGreaterThan(0);
    expect(contains.json.items.every((i) => i.phoneNumber.slice(1).includes('415'))).toBe(true);
  });

  it('answers an empty list for a valid country without stock', async () => {
    const response = await list('?country=JP');

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['an unknown country', '?country=XX'],
    ['a three-letter country', '?country=USA'],
    ['an unknown type', '?type=premium'],
    ['an unknown capability', '?capability=fax'],
    ['non-digits in contains', '?contains=41a'],
    ['too many digits in contains', '?contains=1234567890123456'],
    ['a zero limit', '?limit=0'],
    ['a forged cursor', '?cursor=bm90LWEtY3Vyc29y'],
  ])('rejects %s with 400', async (_name, query) => {
    expectProblem(await list(query), 400, 'validation_failed');
  });

  it('rejects a cursor from another listing', async () => {
    const other = await list('?country=US&limit=1');
    const reused = await list(`?country=GB&limit=1&cursor=${other.json.nextCursor}`);

    expectProblem(reused, 400, 'validation_failed');
  });

  it('needs credentials', async () => {
    expectProblem(await api.get('/v1/numbers/available'), 401, 'unauthorized');
  });
});

describe('GET /v1/numbers/available/{phoneNumber}', () => {
  it('shows an available number with its prices', async () => {
    const stocked = await stockNumber('GB', 'mobile');

    const response = await api.get<Listed & { firstPaymentCents: number }>(
      `/v1/numbers/available/${enc(stocked.phoneNumber)}`,
      bearer(user),
    );

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      phoneNumber: stocked.phoneNumber,
      country: 'GB',
      type: 'mobile',
      monthlyPriceCents: stocked.monthlyPriceCents,
      setupPriceCents: stocked.setupPriceCents,
      firstPaymentCents: firstPayment(stocked),
    });
  });

  it('is 404 once the number is sold', async () => {
    const stocked = await stockNumber();
    const buyer = await fundedUser(firstPayment(stocked));
    await buy(buyer, stocked.phoneNumber);

    const response = await api.get(`/v1/numbers/available/${enc(stocked.phoneNumber)}`, bearer(user));

    expectProblem(response, 404, 'not_found');
  });

  it('is 400 for a malformed number and 404 for an unknown one', async () => {
    expectProblem(await api.get('/v1/numbers/available/12345', bearer(user)), 400, 'validation_failed');
    expectProblem(
      await api.get(`/v1/numbers/available/${enc('+1415555012')}`, bearer(user)),
      400,
      'validation_failed',
    );
    expectProblem(
      await api.get(`/v1/numbers/available/${enc('+14155550123')}`, bearer(user)),
      404,
      'not_found',
    );
  });
});

describe('verification pool', () => {
  it('holds at least 20 numbers that are neither listed nor for sale', async () => {
    const { listVerificationPool } = await import('../../../shared/numbers/inventory');
    const pool = (await listVerificationPool()).items;
    const listed = new Set<string>();
    for (const country of ['US', 'CA', 'GB', 'DE', 'FR']) {
      const page = await list(`?country=${country}&limit=100`);
      for (const item of page.json.items) listed.add(item.phoneNumber);
    }
    const rich = await fundedUser(100_000, 'pool');

    const attempt = await api.post('/v1/numbers', { phoneNumber: pool[0]!.phoneNumber }, bearer(rich));

    expect(pool.length).toBeGreaterThanOrEqual(20);
    expect(pool.every((n) => isE164(n.phoneNumber) && !listed.has(n.phoneNumber))).toBe(true);
    expectProblem(attempt, 409, 'number_unavailable');
    expectProblem(
      await api.get(`/v1/numbers/available/${enc(pool[0]!.phoneNumber)}`, bearer(user)),
      404,
      'not_found',
    );
  });
});
