import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractCode, normalizeDigits } from '../../../shared/verifications/extractor';
import { type CorpusCase, corpus } from './extractor.corpus';
import { naiveExtract } from './naive';

/** Runs the extractor the way the corpus case asks (with the optional service hint). */
function run(c: CorpusCase): string | null {
  return extractCode(c.sms, c.service === undefined ? {} : { service: c.service }).code;
}

/** Short label for it.each titles: jest prints the whole SMS otherwise. */
function label(c: CorpusCase): string {
  const oneLine = c.sms.replace(/\s+/g, ' ');
  if (oneLine.length === 0) return '(empty message)';
  return oneLine.length > 70 ? `${oneLine.slice(0, 67)}...` : oneLine;
}

describe('extractCode corpus', () => {
  it('has a substantial, varied corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(170);
    expect(corpus.filter((c) => c.expected === null).length).toBeGreaterThanOrEqual(10);
  });

  it.each(corpus.map((c) => [label(c), c] as const))('%s', (_title, c) => {
    expect(run(c)).toBe(c.expected);
  });

  it('beats the naive first-run-of-digits rule and is exact on the corpus', () => {
    let extractorHits = 0;
    let naiveHits = 0;
    for (const c of corpus) {
      if (run(c) === c.expected) extractorHits++;
      if (naiveExtract(c.sms) === c.expected) naiveHits++;
    }
    const report = {
      cases: corpus.length,
      extractor: { correct: extractorHits, accuracy: extractorHits / corpus.length },
      naive: { correct: naiveHits, accuracy: naiveHits / corpus.length },
    };
    const dir = path.join(process.cwd(), 'test-output');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'extractor-accuracy.json'), `${JSON.stringify(report, null, 2)}\n`);

    expect(report.extractor.accuracy).toBe(1);
    expect(report.extractor.accuracy).toBeGreaterThan(report.naive.accuracy);
  });
});

describe('extractCode behaviour', () => {
  it('returns null with zero confidence for an empty string', () => {
    expect(extractCode('')).toEqual({ code: null, confidence: 0, candidates: [] });
  });

  it('returns null with zero confidence for text without any code', () => {
    const result = extractCode('See you tomorrow at the station!');
    expect(result.code).toBeNull();
    expect(result.confidence).toBe(0);
  });

  it('keeps every confidence within [0, 1] and lists the best candidate first', () => {
    for (const c of corpus) {
      const result = extractCode(c.sms);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      for (const cand of result.candidates) {
        expect(cand.confidence).toBeGreaterThanOrEqual(0);
        expect(cand.confidence).toBeLessThanOrEqual(1);
      }
      const sorted = [...result.candidates].sort((a, b) => b.confidence - a.confidence);
      expect(result.candidates.map((x) => x.confidence)).toEqual(sorted.map((x) => x.confidence));
      if (result.code !== null) expect(result.candidates[0]?.code).toBe(result.code);
    }
  });

  it('reports raw text and index into the original message', () => {
    const sms = 'Your WhatsApp code: 318-204';
    const result = extractCode(sms);
    expect(result.code).toBe('318204');
    const top = result.candidates[0];
    expect(top?.raw).toBe('318-204');
    expect(top?.index).toBe(sms.indexOf('318-204'));
  });

  it('maps raw/index back through native digits and invisible bidi marks', () => {
    const sms = 'رمز التحقق: \u200e٤٨٢٩١٠';
    const top = extractCode(sms).candidates[0];
    expect(top?.code).toBe('482910');
    expect(top?.raw).toBe('٤٨٢٩١٠');
    expect(top?.index).toBe(sms.indexOf('٤'));
  });

  it('normalises Arabic-Indic, Persian and Devanagari digits to ASCII', () => {
    expect(normalizeDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(normalizeDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(normalizeDigits('०१२३४५६७८९')).toBe('0123456789');
    expect(normalizeDigits('code ٤٨٢ abc')).toBe('code 482 abc');
    expect(extractCode('رمز التحقق: ٤٨٢٩١٠').code).toBe('482910');
    expect(extractCode('کد تایید: ۷۳۰۱۲۹').code).toBe('730129');
    expect(extractCode('आपका OTP ५५२१९० है').code).toBe('552190');
  });

  it('uses the service hint only as a nudge, never as a requirement', () => {
    expect(extractCode('Steam Guard code: 7K2PD').code).toBe('7K2PD');
    expect(extractCode('Steam Guard code: 7K2PD', { service: 'steam' }).code).toBe('7K2PD');
    expect(extractCode('Your code: 730155', { service: 'unknown-service' }).code).toBe('730155');
  });

  it('handles adversarial input without catastrophic backtracking', () => {
    // Deliberately no timing assertion: the test only has to finish.
    const digitsAndDashes = Array.from({ length: 50_000 }, (_, i) =>
      i % 7 === 3 ? '-' : String(i % 10),
    ).join('');
    expect(() => extractCode(digitsAndDashes)).not.toThrow();
    expect(() => extractCode('1-'.repeat(25_000))).not.toThrow();
    expect(() => extractCode(`${'a.'.repeat(25_000)}com 1234`)).not.toThrow();
    expect(extractCode(`${'code 1234 '.repeat(5_000)}`).code).toBe('1234');
  });
});
