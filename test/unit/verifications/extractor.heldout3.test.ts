/**
 * Third held-out measurement of the code extractor. The set (./extractor.heldout3.ts) was written
 * in stop 22 by a fourth author who read neither the extractor, its training corpus nor the other
 * held-out sets. Measured once, unseen, after the fixes drawn from sets 1 and 2: 97.8 % (568/581),
 * naive rule 77.6 %. Its 13 errors were then read and fixed by generic rules (notices — long
 * identifiers, marketing, balances and bills, a clock time with a date — give the structural
 * bonus only to a number a code keyword names; "<number> is your code" is a bonus; word-like
 * tokens in marketing are coupons; "numbered" words after an id; more code/decoy vocabulary),
 * so it is now a development set; the unseen measurement is held-out set 4
 * (./extractor.heldout4.test.ts). This test prints aggregate figures only (overall, naive rule,
 * per language) and never lists individual messages or codes.
 */
import { heldOut3 } from './extractor.heldout3';
import { measure, summarise, writeSection } from './extractor.report';

/** 100 % (581/581) since it became a development set (unseen: 97.8 %). */
const TARGET = 0.99;

describe('extractCode on the third held-out set', () => {
  it('has the promised breadth (size, services, languages, share of messages without a code)', () => {
    const negatives = heldOut3.filter((c) => c.expected === null).length;
    expect(heldOut3.length).toBeGreaterThanOrEqual(500);
    expect(new Set(heldOut3.map((c) => c.service)).size).toBeGreaterThanOrEqual(120);
    expect(new Set(heldOut3.map((c) => c.lang)).size).toBeGreaterThanOrEqual(35);
    expect(negatives / heldOut3.length).toBeGreaterThanOrEqual(0.08);
    expect(negatives / heldOut3.length).toBeLessThanOrEqual(0.16);
    expect(new Set(heldOut3.map((c) => c.sms)).size).toBe(heldOut3.length);
  });

  it('scores at least the target and beats the naive first-run-of-digits rule', () => {
    const figures = measure(heldOut3);
    const byLang = new Map<string, { n: number; ok: number }>();
    for (const c of heldOut3) {
      const slot = byLang.get(c.lang) ?? { n: 0, ok: 0 };
      slot.n++;
      if (measure([c]).extractor.correct === 1) slot.ok++;
      byLang.set(c.lang, slot);
    }
    const perLanguage = Object.fromEntries(
      [...byLang.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([lang, { n, ok }]) => [lang, ok / n]),
    );
    console.log(summarise(`extractor held-out set 3 (${byLang.size} languages)`, figures));
    writeSection('heldout3', { ...figures, languages: byLang.size, perLanguage });
    expect(figures.extractor.accuracy).toBeGreaterThanOrEqual(TARGET);
    expect(figures.extractor.accuracy).toBeGreaterThan(figures.naive.accuracy);
  });
});
