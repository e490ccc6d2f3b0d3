import { countryOf, e164, e164PathParam, isCountryCode, isE164 } from '../../../shared/numbers/phone';

describe('E.164 validation', () => {
  it.each([
    ['+14155550123', 'US'],
    ['+16135550123', 'CA'],
    ['+447400123456', 'GB'],
    ['+447911123456', 'GG'],
    ['+4915123456789', 'DE'],
    ['+33612345678', 'FR'],
    ['+18005550123', 'US'],
  ])('accepts %s (%s)', (number, country) => {
    expect(isE164(number)).toBe(true);
    expect(countryOf(number)).toBe(country);
  });

  it.each([
    ['no plus', '14155550123'],
    ['too short', '+1415555012'],
    ['too long', '+1415555012345678'],
    ['letters', '+1415555abcd'],
    ['spaces', '+1 415 555 0123'],
    ['leading zero country code', '+04155550123'],
    ['unassigned country code', '+99912345678'],
    ['invalid UK range', '+447700900123'],
    ['empty', ''],
  ])('rejects %s', (_name, number) => {
    expect(isE164(number)).toBe(false);
  });

  it('trims body values', () => {
    expect(e164.parse(' +14155550123 ')).toBe('+14155550123');
  });

  it('decodes path parameters that are still URL-encoded or had their plus turned into a space', () => {
    expect(e164PathParam.parse('+14155550123')).toBe('+14155550123');
    expect(e164PathParam.parse('%2B14155550123')).toBe('+14155550123');
    expect(e164PathParam.parse(' 14155550123')).toBe('+14155550123');
    expect(e164PathParam.safeParse('%E0%A4%A').success).toBe(false);
    expect(e164PathParam.safeParse('14155550123').success).toBe(false);
  });

  it('knows ISO 3166 alpha-2 codes with a numbering plan', () => {
    expect(isCountryCode('US')).toBe(true);
    expect(isCountryCode('JP')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('us')).toBe(false);
    expect(isCountryCode('USA')).toBe(false);
  });
});
