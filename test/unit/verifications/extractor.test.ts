import { extractCode, normalizeDigits } from '../../../shared/verifications/extractor';
import { type CorpusCase, corpus } from './extractor.corpus';
import { measure, summarise, writeSection } from './extractor.report';
import { rewriteCase } from './extractor.rewrite';

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
    const senders = new Set(corpus.flatMap((c) => (c.sender ? [c.sender.toLowerCase()] : [])));
    const langs = new Set(corpus.flatMap((c) => (c.lang ? [c.lang] : [])));
    console.log(
      `extractor training corpus: ${corpus.length} messages, ${senders.size} named senders, ${langs.size} languages`,
    );
    expect(corpus.length).toBeGreaterThanOrEqual(600);
    expect(senders.size).toBeGreaterThanOrEqual(80);
    expect(langs.size).toBeGreaterThanOrEqual(20);
    expect(corpus.filter((c) => c.expected === null).length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus.map((c) => [label(c), c] as const))('%s', (_title, c) => {
    expect(run(c)).toBe(c.expected);
  });

  it('beats the naive first-run-of-digits rule and is exact on the training corpus', () => {
    const figures = measure(corpus);
    console.log(summarise('extractor training corpus', figures));
    writeSection('training', figures);
    expect(figures.extractor.accuracy).toBe(1);
    expect(figures.extractor.accuracy).toBeGreaterThan(figures.naive.accuracy);
  });

  it('keeps its accuracy within 1 point when the corpus is rewritten (other digits, names, amounts, dates)', () => {
    const base = measure(corpus).extractor.accuracy;
    const seeds = [1, 2, 3, 4, 5];
    const rewritten = seeds.map(
      (seed) => measure(corpus.map((c, i) => rewriteCase(c, seed * 100_003 + i))).extractor.accuracy,
    );
    const worst = Math.min(...rewritten);
    const delta = base - worst;
    console.log(
      `extractor rewrite invariance: ${rewritten.map((a) => `${(100 * a).toFixed(1)} %`).join(', ')} ` +
        `over ${seeds.length} rewrites vs ${(100 * base).toFixed(1)} %; worst delta ${(100 * delta).toFixed(2)} points`,
    );
    writeSection('rewrite', { seeds, base, rewritten, worstDeltaPoints: 100 * delta });
    expect(delta).toBeLessThanOrEqual(0.01);
  });

  it('rewrites really change the messages: every code gets other digits', () => {
    for (const [i, c] of corpus.entries()) {
      const r = rewriteCase(c, 42 + i);
      if (c.expected !== null) expect(r.expected).not.toBe(c.expected);
      if (c.expected !== null) expect(r.sms).not.toBe(c.sms);
    }
  });

  it('is calibrated: confidence >= 0.9 is right at least 99 % of the time, and nothing below 0.5 is answered', () => {
    const cases = [
      corpus,
      ...[1, 2, 3].map((seed) => corpus.map((c, i) => rewriteCase(c, seed * 7_919 + i))),
    ].flat();
    const figures = measure(cases);
    console.log(
      `extractor calibration (training + 3 rewrites): ${JSON.stringify(figures.calibration.bands)}`,
    );
    writeSection('calibration', figures.calibration);
    expect(figures.calibration.precisionAt09).toBeGreaterThanOrEqual(0.99);
    for (const c of cases) {
      const r = extractCode(c.sms);
      if (r.code !== null) expect(r.confidence).toBeGreaterThanOrEqual(0.5);
      else expect(r.confidence).toBe(0);
    }
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

  it('reads a code glued to the word that names it, but not digits glued to other letters', () => {
    expect(extractCode('OTP551204 is your code').code).toBe('551204');
    expect(extractCode('Your code is551204').code).toBe('551204');
    expect(extractCode('Your card XX4417 was charged 20.00 EUR').code).toBeNull();
  });

  it('keeps the case of a case-sensitive code, but only where a code word names it', () => {
    // Not in the training corpus: its rewrite test maps codes to uppercase.
    expect(extractCode('Your recovery secret is Tq8mZ4. It is case-sensitive.').code).toBe('Tq8mZ4');
    expect(extractCode('Ihr Freischaltcode lautet mB7kR2.').code).toBe('mB7kR2');
    expect(extractCode('Your login code is pX7m-2Kq9').code).toBe('pX7m2Kq9');
    expect(extractCode('Upgrade to iPhone15 Pro and get 3 months free').code).toBeNull();
    expect(extractCode('Order ref aB3dE9 shipped today').code).toBeNull();
  });

  it('reads a 3-digit code only right after a strong code word', () => {
    expect(extractCode('Acme PIN 729. Valid for 5 minutes.').code).toBe('729');
    expect(extractCode('Lyft code: 438').code).toBe('438');
    expect(extractCode('Your table for 4 is booked at 730 Main St').code).toBeNull();
    expect(extractCode('Room 305 is ready for check-in.').code).toBeNull();
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
