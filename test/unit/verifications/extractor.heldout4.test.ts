/**
 * Fourth held-out measurement of the code extractor. The set (./extractor.heldout4.ts) was written
 * in stop 22 by a fifth author who read neither the extractor, its training corpus nor the other
 * sets, weighted towards under-represented senders (regional banks, government portals,
 * utilities, railways, 2FA providers, e-commerce in Africa, Asia and Latin America). Measured once,
 * unseen, after the fixes drawn from sets 1-3: 98.4 % (541/550), naive rule 84.9 %. Its nine
 * errors were then read and fixed by generic rules (3-digit codes right after a strong code word,
 * "X-1234" masked accounts, a clock time with departure words is a travel notice, "kode booking" /
 * "código promocional" name other codes), so it is now a development set; the unseen
 * measurements are held-out sets 5 and 6. This test prints aggregate figures only (overall, naive
 * rule, per language) and never lists individual messages or codes.
 */
import { heldOut4 } from './extractor.heldout4';
import { measure, summarise, writeSection } from './extractor.report';

/** 100 % (550/550) since it became a development set (unseen: 98.4 %). */
const TARGET = 0.99;

describe('extractCode on the fourth held-out set', () => {
  it('has the promised breadth (size, services, languages, share of messages without a code)', () => {
    const negatives = heldOut4.filter((c) => c.expected === null).length;
    expect(heldOut4.length).toBeGreaterThanOrEqual(450);
    expect(new Set(heldOut4.map((c) => c.service)).size).toBeGreaterThanOrEqual(120);
    expect(new Set(heldOut4.map((c) => c.lang)).size).toBeGreaterThanOrEqual(35);
    expect(negatives / heldOut4.length).toBeGreaterThanOrEqual(0.08);
    expect(negatives / heldOut4.length).toBeLessThanOrEqual(0.16);
    expect(new Set(heldOut4.map((c) => c.sms)).size).toBe(heldOut4.length);
  });

  it('scores at least the target and beats the naive first-run-of-digits rule', () => {
    const figures = measure(heldOut4);
    const byLang = new Map<string, { n: number; ok: number }>();
    for (const c of heldOut4) {
      const slot = byLang.get(c.lang) ?? { n: 0, ok: 0 };
      slot.n++;
      if (measure([c]).extractor.correct === 1) slot.ok++;
      byLang.set(c.lang, slot);
    }
    const perLanguage = Object.fromEntries(
      [...byLang.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([lang, { n, ok }]) => [lang, ok / n]),
    );
    console.log(summarise(`extractor held-out set 4 (${byLang.size} languages)`, figures));
    writeSection('heldout4', { ...figures, languages: byLang.size, perLanguage });
    expect(figures.extractor.accuracy).toBeGreaterThanOrEqual(TARGET);
    expect(figures.extractor.accuracy).toBeGreaterThan(figures.naive.accuracy);
  });
});
