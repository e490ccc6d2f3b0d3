/**
 * Held-out measurement of the code extractor. The held-out set (./extractor.heldout.ts) was
 * written separately, from other sources, by someone who did not write the training corpus. It
 * was a pure measurement until stop 21 (99.3 %, 423/426); in stop 22 its three remaining errors
 * were read and fixed by generic rules (an abbreviation's dot does not end the sentence, German
 * compounds of "Passwort", long identifiers), so it is now a development set: the unseen
 * measurement is held-out set 3 (./extractor.heldout3.test.ts). This test prints aggregate figures
 * only (overall, naive rule, per language, calibration) and never lists individual messages or codes.
 */
import { extractCode } from '../../../shared/verifications/extractor';
import { heldOut } from './extractor.heldout';
import { measure, summarise, writeSection } from './extractor.report';

/** Goal of issue 16: at least 99 % on a held-out set. */
const TARGET = 0.99; // 100 % (426/426) since stop 22, when it became a development set

describe('extractCode on the held-out set', () => {
  const figures = measure(heldOut);

  it('scores at least 99 % and beats the naive first-run-of-digits rule', () => {
    const byLang = new Map<string, { n: number; ok: number }>();
    const perCase = heldOut.map((c) => ({ lang: c.lang, ok: measure([c]).extractor.correct === 1 }));
    for (const { lang, ok } of perCase) {
      const slot = byLang.get(lang) ?? { n: 0, ok: 0 };
      slot.n++;
      if (ok) slot.ok++;
      byLang.set(lang, slot);
    }
    const perLanguage = Object.fromEntries(
      [...byLang.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([lang, { n, ok }]) => [lang, ok / n]),
    );
    console.log(summarise(`extractor held-out set (${byLang.size} languages)`, figures));
    writeSection('heldout', { ...figures, languages: byLang.size, perLanguage });
    expect(figures.extractor.accuracy).toBeGreaterThanOrEqual(TARGET);
    expect(figures.extractor.accuracy).toBeGreaterThan(figures.naive.accuracy);
  });

  it('never answers below confidence 0.5 and reports its calibration', () => {
    // Only counts are compared, so a failure shows no message text or code.
    const lowAnswers = heldOut.filter((c) => {
      const r = extractCode(c.sms);
      return r.code !== null && r.confidence < 0.5;
    }).length;
    console.log(
      `extractor held-out calibration: confidence >= 0.9 right ${(100 * figures.calibration.precisionAt09).toFixed(1)} % ` +
        `of the time, covering ${(100 * figures.calibration.coverageAt09).toFixed(1)} % of the messages with a code`,
    );
    expect(lowAnswers).toBe(0);
  });
});
