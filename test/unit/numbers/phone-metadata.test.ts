import { readFileSync } from 'node:fs';
import * as max from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { countryOf, isCountryCode, isE164, lineTypeOf } from '../../../shared/numbers/phone';
import { formatPhone } from '../../../shared/numbers/phone-format';
import { PHONE_FILES, phoneFileTexts } from '../../../tools/phone-metadata';

/**
 * shared/numbers/phone.ts validates with the max metadata minus its formatting rules, and
 * ./phone-format.ts formats with the rules put back (tools/phone-metadata.ts). Every answer must
 * equal the max metadata's: validity, country, line type and written forms, for every country's
 * example number and for a deterministic spread of numbers in every calling code, valid or not.
 */
const maxAnswers = (value: string) => {
  const parsed = max.parsePhoneNumberFromString(value);
  return {
    valid: /^\+[1-9]\d{6,14}$/.test(value) && max.isValidPhoneNumber(value),
    country: parsed?.country,
    type: parsed?.getType(),
  };
};
const ours = (value: string) => ({
  valid: isE164(value),
  country: countryOf(value),
  type: lineTypeOf(value),
});

/** A small deterministic generator (mulberry32), so a failure names a reproducible number. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('phone metadata without formats', () => {
  it.each(['metadata', 'formats'] as const)(
    'phone-%s.json is what tools/phone-metadata.ts writes from the installed libphonenumber-js (npm run phone:metadata)',
    (file) => {
      expect(readFileSync(PHONE_FILES[file], 'utf8') === phoneFileTexts()[file]).toBe(true);
    },
  );

  it('formats every example number as the max metadata does, with the rules put back', () => {
    const numbers = max
      .getCountries()
      .flatMap((country) => max.getExampleNumber(country, examples as max.Examples)?.number ?? []);
    const differ = numbers.filter((n) => {
      const parsed = max.parsePhoneNumberFromString(n)!;
      const expected = { national: parsed.formatNational(), international: parsed.formatInternational() };
      return JSON.stringify(formatPhone(n)) !== JSON.stringify(expected);
    });
    expect(differ).toEqual([]);
  });

  it("answers like the max metadata for every country's example number", () => {
    const numbers = max
      .getCountries()
      .flatMap((country) => max.getExampleNumber(country, examples as max.Examples)?.number ?? []);
    expect(numbers.length).toBeGreaterThan(200);
    const differ = numbers.filter((n) => JSON.stringify(ours(n)) !== JSON.stringify(maxAnswers(n)));
    expect(differ).toEqual([]);
  });

  it('answers like the max metadata for 40,000 generated numbers across every calling code', () => {
    const next = random(20261205);
    const codes = [...new Set(max.getCountries().map((c) => max.getCountryCallingCode(c)))];
    const differ: string[] = [];
    let valid = 0;
    for (let i = 0; i < 40_000; i++) {
      const code = codes[Math.floor(next() * codes.length)]!;
      const length = 6 + Math.floor(next() * 7);
      let digits = String(1 + Math.floor(next() * 9));
      while (digits.length < length) digits += String(Math.floor(next() * 10));
      const value = `+${code}${digits}`;
      const expected = maxAnswers(value);
      if (expected.valid) valid += 1;
      if (JSON.stringify(ours(value)) !== JSON.stringify(expected)) differ.push(value);
    }
    expect(differ).toEqual([]);
    expect(valid).toBeGreaterThan(2_000);
  });

  it('knows the same countries', () => {
    for (const country of [...max.getCountries(), 'XX', 'ZZ']) {
      expect([country, isCountryCode(country)]).toEqual([country, max.isSupportedCountry(country)]);
    }
  });
});
