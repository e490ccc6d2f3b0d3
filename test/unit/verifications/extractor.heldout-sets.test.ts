/**
 * Held-out sets 2-7 of the code extractor (set 1 has its own suites: ./extractor.heldout.test.ts
 * and ./extractor.heldout.shape.test.ts). Each set was written by its own author who read neither
 * the extractor, its training corpus nor the other sets, and was measured once, unseen, when it
 * arrived. The errors of sets 2-4 and 6 were then read and fixed by generic rules (no rule keyed
 * to one message or brand; the training corpus's rewrite test guards that), so those became
 * development sets; set 5 was never read and stays an unseen measurement (as is set 7). `unseen` keeps the figure
 * that counts, `target` guards the current one.
 * The test prints aggregate figures only (overall, naive rule, per language) and never lists
 * individual messages or codes.
 */
import { heldOut2 } from './extractor.heldout2';
import { heldOut3 } from './extractor.heldout3';
import { heldOut4 } from './extractor.heldout4';
import { heldOut5 } from './extractor.heldout5';
import { heldOut6 } from './extractor.heldout6';
import { heldOut7 } from './extractor.heldout7';
import type { HeldOutCase } from './extractor.heldout.types';
import { measure, summarise, writeSection } from './extractor.report';

interface HeldOutSet {
  /** Section name in test-output/extractor-accuracy.json. */
  name: string;
  cases: readonly HeldOutCase[];
  /** The measurement made once, unseen, when the set arrived. */
  unseen: string;
  /** What the suite requires today. */
  target: number;
  breadth: { cases: number; services: number; languages: number };
}

const SETS: HeldOutSet[] = [
  {
    name: 'heldout2',
    cases: heldOut2,
    unseen: '98.6 % (480/487), stop 21; development set since stop 22',
    target: 0.99,
    breadth: { cases: 400, services: 100, languages: 30 },
  },
  {
    name: 'heldout3',
    cases: heldOut3,
    unseen: '97.8 % (568/581), stop 22 (after fixes from sets 1-2); development set since',
    target: 0.99,
    breadth: { cases: 500, services: 120, languages: 35 },
  },
  {
    name: 'heldout4',
    cases: heldOut4,
    unseen: '98.4 % (541/550), stop 22 (after fixes from sets 1-3); development set since',
    target: 0.99,
    breadth: { cases: 450, services: 120, languages: 35 },
  },
  {
    // Never read: its errors are unknown to the extractor's authors. Target just below its figure.
    name: 'heldout5',
    cases: heldOut5,
    unseen: '99.2 % (594/599), stop 22 (after fixes from sets 1-4); still unseen',
    target: 0.99,
    breadth: { cases: 450, services: 120, languages: 35 },
  },
  {
    name: 'heldout6',
    cases: heldOut6,
    unseen:
      '97.5 % (475/487), stop 22 (after fixes from sets 1-4; written to break extractors); development set since',
    target: 0.99,
    breadth: { cases: 450, services: 120, languages: 35 },
  },
  {
    // Never read. Measured after the fixes from sets 1-4 and 6, with no change made since.
    name: 'heldout7',
    cases: heldOut7,
    unseen: '99.1 % (540/545), stop 22 (after fixes from sets 1-4 and 6); still unseen',
    target: 0.99,
    breadth: { cases: 450, services: 120, languages: 35 },
  },
];

describe.each(SETS)('extractCode on $name (unseen: $unseen)', ({ name, cases, target, breadth }) => {
  it('has the promised breadth (size, services, languages, share of messages without a code)', () => {
    const negatives = cases.filter((c) => c.expected === null).length;
    expect(cases.length).toBeGreaterThanOrEqual(breadth.cases);
    expect(new Set(cases.map((c) => c.service)).size).toBeGreaterThanOrEqual(breadth.services);
    expect(new Set(cases.map((c) => c.lang)).size).toBeGreaterThanOrEqual(breadth.languages);
    expect(negatives / cases.length).toBeGreaterThanOrEqual(0.08);
    expect(negatives / cases.length).toBeLessThanOrEqual(0.16);
    expect(new Set(cases.map((c) => c.sms)).size).toBe(cases.length);
  });

  it('scores at least its target and beats the naive first-run-of-digits rule', () => {
    const figures = measure(cases);
    const byLang = new Map<string, { n: number; ok: number }>();
    for (const c of cases) {
      const slot = byLang.get(c.lang) ?? { n: 0, ok: 0 };
      slot.n++;
      if (measure([c]).extractor.correct === 1) slot.ok++;
      byLang.set(c.lang, slot);
    }
    const perLanguage = Object.fromEntries(
      [...byLang.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([lang, { n, ok }]) => [lang, ok / n]),
    );
    console.log(summarise(`extractor ${name} (${byLang.size} languages)`, figures));
    writeSection(name, { ...figures, languages: byLang.size, perLanguage });
    expect(figures.extractor.accuracy).toBeGreaterThanOrEqual(target);
    expect(figures.extractor.accuracy).toBeGreaterThan(figures.naive.accuracy);
  });
});
