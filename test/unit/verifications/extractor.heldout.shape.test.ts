/**
 * Shape of the held-out set (no extractor import): enough cases, languages and services, well-formed
 * expectations, no duplicate messages, and a share of code-less messages near 8-10 %.
 */
import { heldOut } from './extractor.heldout';

describe('extractor held-out set', () => {
  it('has at least 330 cases', () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(330);
  });

  it('covers at least 30 languages and 80 services', () => {
    expect(new Set(heldOut.map((c) => c.lang)).size).toBeGreaterThanOrEqual(30);
    expect(new Set(heldOut.map((c) => c.service)).size).toBeGreaterThanOrEqual(80);
  });

  it('uses ISO 639-1 language codes', () => {
    for (const c of heldOut) expect(c.lang).toMatch(/^[a-z]{2}$/);
  });

  it('expects either null or a 4-10 character uppercase alphanumeric code', () => {
    for (const c of heldOut) {
      if (c.expected !== null) expect(c.expected).toMatch(/^[0-9A-Z]{4,10}$/);
    }
  });

  it('has no duplicate messages', () => {
    const counts = new Map<string, number>();
    for (const c of heldOut) counts.set(c.sms, (counts.get(c.sms) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([sms]) => sms)).toEqual([]);
  });

  it('keeps about 8-10 % of messages without a code', () => {
    const share = heldOut.filter((c) => c.expected === null).length / heldOut.length;
    expect(share).toBeGreaterThanOrEqual(0.07);
    expect(share).toBeLessThanOrEqual(0.11);
  });
});
