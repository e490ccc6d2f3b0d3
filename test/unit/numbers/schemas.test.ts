import {
  listAvailableQuery,
  phoneNumberParams,
  purchaseBody,
  updateNumberBody,
} from '../../../shared/numbers/schemas';

describe('numbers request schemas', () => {
  it('normalises the country and applies the default limit', () => {
    expect(listAvailableQuery.parse({ country: 'us' })).toEqual({ country: 'US', limit: 20 });
  });

  it.each([
    { country: 'XX' },
    { country: 'USA' },
    { type: 'premium' },
    { capability: 'fax' },
    { contains: '' },
    { contains: '12a' },
    { contains: '1234567890123456' },
    { limit: '101' },
    { cursor: 'has spaces' },
  ])('rejects %j', (query) => {
    expect(listAvailableQuery.safeParse(query).success).toBe(false);
  });

  it('requires an E.164 number in the path', () => {
    expect(phoneNumberParams.parse({ phoneNumber: '+14155550123' })).toEqual({ phoneNumber: '+14155550123' });
    expect(phoneNumberParams.safeParse({ phoneNumber: 'abc' }).success).toBe(false);
  });

  it('keeps bodies strict', () => {
    expect(purchaseBody.safeParse({ phoneNumber: '+14155550123', autoRenew: false }).success).toBe(true);
    expect(purchaseBody.safeParse({ phoneNumber: '+14155550123', priceCents: 0 }).success).toBe(false);
    expect(purchaseBody.safeParse({ phoneNumber: '+14155550123', autoRenew: 'yes' }).success).toBe(false);
    expect(updateNumberBody.safeParse({ autoRenew: true, status: 'active' }).success).toBe(false);
    expect(updateNumberBody.safeParse({}).success).toBe(false);
  });

  it('buys either a given number or any number of a country and type, never both', () => {
    expect(purchaseBody.parse({ country: 'gb', type: 'mobile', capabilities: ['sms'] })).toEqual({
      country: 'GB',
      type: 'mobile',
      capabilities: ['sms'],
    });
    const issues = (body: unknown) =>
      purchaseBody.safeParse(body).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({})).toEqual([['phoneNumber', 'phoneNumber (or country and type) is required.']]);
    expect(issues({ country: 'US' })?.[0]?.[0]).toBe('type');
    expect(issues({ type: 'local' })?.[0]?.[0]).toBe('country');
    expect(issues({ phoneNumber: '+14155550123', country: 'US', type: 'local' })?.[0]?.[0]).toBe(
      'phoneNumber',
    );
    expect(purchaseBody.safeParse({ country: 'US', type: 'local', capabilities: [] }).success).toBe(false);
  });
});
