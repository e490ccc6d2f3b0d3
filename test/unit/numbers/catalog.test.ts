import {
  freshNumbers,
  freshPoolNumbers,
  marketplaceCatalog,
  matchesPlan,
  poolCountries,
  verificationPoolCatalog,
} from '../../../shared/numbers/catalog';
import { isE164 } from '../../../shared/numbers/phone';

describe('local inventory catalog', () => {
  const market = marketplaceCatalog();
  const pool = verificationPoolCatalog();

  it.each(['US', 'CA', 'GB', 'DE', 'FR'])('stocks at least 20 valid SMS-capable numbers in %s', (country) => {
    const numbers = market.filter((n) => n.country === country);

    expect(numbers.length).toBeGreaterThanOrEqual(20);
    for (const n of numbers) {
      expect(isE164(n.phoneNumber)).toBe(true);
      expect(matchesPlan(n.phoneNumber, n.country, n.type)).toBe(true);
      expect(n.capabilities).toContain('sms');
    }
  });

  it('offers local, mobile and toll-free numbers', () => {
    expect(new Set(market.map((n) => n.type))).toEqual(new Set(['local', 'mobile', 'tollfree']));
  });

  it('is the same on every start (idempotent seeding) and has no duplicates', () => {
    expect(marketplaceCatalog()).toEqual(market);
    expect(new Set(market.map((n) => n.phoneNumber)).size).toBe(market.length);
  });

  it('has a verification pool of at least 100 valid numbers in 5 countries, disjoint from the marketplace', () => {
    const marketNumbers = new Set(market.map((n) => n.phoneNumber));

    expect(pool.length).toBeGreaterThanOrEqual(100);
    expect(new Set(pool.map((n) => n.phoneNumber)).size).toBe(pool.length);
    expect(pool.every((n) => isE164(n.phoneNumber) && !marketNumbers.has(n.phoneNumber))).toBe(true);
    expect(new Set(pool.map((n) => n.country))).toEqual(new Set(['US', 'CA', 'GB', 'DE', 'FR']));
  });

  it('generates fresh valid numbers on demand, and none for a country it does not stock', () => {
    const fresh = freshNumbers('DE', 'mobile', 5);

    expect(fresh).toHaveLength(5);
    expect(fresh!.every((n) => matchesPlan(n.phoneNumber, 'DE', 'mobile'))).toBe(true);
    expect(freshNumbers('JP', 'local', 1)).toBeUndefined();
  });

  it('grows the verification pool on demand (POST /dev/verifications/pool) in its countries only', () => {
    const fresh = freshPoolNumbers('GB', 7);

    expect(fresh).toHaveLength(7);
    expect(fresh!.every((n) => n.country === 'GB' && isE164(n.phoneNumber))).toBe(true);
    expect(freshPoolNumbers('JP', 1)).toBeUndefined();
    expect(poolCountries().sort()).toEqual(['CA', 'DE', 'FR', 'GB', 'US']);
  });
});
