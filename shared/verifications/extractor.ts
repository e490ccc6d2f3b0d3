/**
 * Verification-code extractor.
 *
 * Given the text of an inbound SMS, find the one-time code a person would type into the app
 * that sent it ("G-730155 is your Google verification code" -> "730155").
 *
 * Why not a regex? Real verification SMS are full of other numbers (amounts, dates, phone numbers,
 * order numbers, card suffixes, short codes, URLs with ids) and come in dozens of languages and
 * scripts. "The first run of 4-8 digits" picks the wrong number surprisingly often. Instead we:
 *
 *  1. normalise the text (native digits -> ASCII, exotic spaces/dashes -> plain ones) while
 *     keeping a map back to the caller's original indices;
 *  2. enumerate every plausible candidate (digit groups, digit groups split by one space / dash /
 *     dot, also into uneven groups such as "48 2917", uppercase alphanumeric tokens (and mixed-case
 *     ones where a code word names them: "secret is hV4pT9", case kept) and dash-split
 *     ones such as "K7P-4QX"), skipping anything inside a URL or e-mail address;
 *  3. score each candidate with simple, explainable features: proximity of a "code" keyword in
 *     many languages, lead-ins such as ':' or 'is', brackets/quotes, service prefixes (G-, FB-),
 *     length, and penalties for decoy contexts (currency, units, order/ref/card/phone keywords,
 *     phone and date shapes, years, digits glued to letters);
 *  4. structural fallback: when exactly one digit candidate carries no decoy cue at all (no
 *     currency/unit, no date/time/phone/URL shape, no order/card/phone word, not a year, not a
 *     fragment of a longer number), it gets a bonus. This is what finds the code in languages the
 *     keyword tables do not know, and in terse "<Service>: 4821" messages. A notice that carries a
 *     long tracking/account number (12+ digits) gets no such bonus unless a keyword names the
 *     number: its short numbers are postcodes, store numbers and dates;
 *  5. squash the score into a 0..1 confidence and return the best candidate when it clears
 *     {@link MIN_CONFIDENCE}, otherwise `null` (no guesses below 0.5).
 *
 * This file is the public API. The steps live in ./extractor/ (normalise.ts, structure.ts,
 * candidates.ts, keywords.ts, scoring.ts) and the data they read in ./extractor/data/ (code words
 * per language, decoy words, vocabulary, characters, services, types). No rule is keyed to one
 * sender: the training corpus test rewrites every message with other digits, names, amounts and
 * dates.
 *
 * Everything is linear-ish in the message length: the only regular expressions run on bounded
 * slices or have no nested quantifiers, so a hostile 50 KB message cannot cause catastrophic
 * backtracking. The module has no dependencies so it can run in any Lambda or in the browser.
 */
import { type Candidate, collectCandidates, collectWords } from './extractor/candidates';
import { SERVICE_FORMATS } from './extractor/data/services';
import { findHits } from './extractor/keywords';
import { normalise } from './extractor/normalise';
import { type Context, isNotice, STRUCTURAL_BONUS, scoreCandidate, toConfidence } from './extractor/scoring';
import { detectService, resolveService } from './extractor/service-hint';
import { digitPrefix, isFieldRecord, markUrls, sentenceBoundaryPrefix } from './extractor/structure';

export { normalizeDigits } from './extractor/normalise';

/** One possible code found in the message. */
export interface CodeCandidate {
  /** What the user would type: digits and/or letters (case as printed), separators and prefixes removed. */
  code: string;
  /** 0..1; higher means more likely to be the verification code. */
  confidence: number;
  /** The exact substring of the original message the code was read from (separators included). */
  raw: string;
  /** UTF-16 index of `raw` in the original message. */
  index: number;
}

/** Result of {@link extractCode}. */
export interface Extraction {
  /** Best code, or `null` when the message does not appear to contain one. */
  code: string | null;
  /** Confidence of `code` (0 when `code` is null). */
  confidence: number;
  /** Candidates considered, best first (deduplicated by code, at most {@link MAX_CANDIDATES}). */
  candidates: CodeCandidate[];
}

/** Options for {@link extractCode}. */
export interface ExtractOptions {
  /**
   * Optional sender hint ("google", "telegram", "steam", ...). It only nudges scores towards the
   * service's known code format; extraction never requires it.
   */
  service?: string;
}

/** Candidates returned to callers; the long tail is noise and would bloat API payloads. */
export const MAX_CANDIDATES = 10;

/** Minimum confidence for the best candidate to be reported as the code. */
export const MIN_CONFIDENCE = 0.5;

/**
 * Extracts the verification code from an SMS body.
 *
 * @param sms  message text, any language or script
 * @param opts optional `service` hint ("google", "steam", ...) that slightly favours that
 *             service's code format
 * @returns the best code (digits / letters only, separators and prefixes removed) with a
 *          0..1 confidence, or `code: null, confidence: 0` when no candidate is convincing;
 *          `candidates` lists the alternatives considered, best first
 */
export function extractCode(sms: string, opts: ExtractOptions = {}): Extraction {
  if (typeof sms !== 'string' || sms.length === 0) return { code: null, confidence: 0, candidates: [] };
  const norm = normalise(sms);
  const { text, folded } = norm;
  const inUrl = markUrls(text, folded);
  const words = collectWords(text, inUrl);
  const candidates = collectCandidates(text, words);
  if (candidates.length === 0) return { code: null, confidence: 0, candidates: [] };

  const hinted = resolveService(opts.service);
  const hits = findHits(folded);
  const ctx: Context = {
    text,
    folded,
    hits,
    boundaries: sentenceBoundaryPrefix(text),
    digits: digitPrefix(text),
    service: hinted ?? detectService(folded),
    serviceFromHint: hinted !== undefined,
    lettersHint: hinted !== undefined && SERVICE_FORMATS[hinted]?.alnumLength !== undefined,
    record: isFieldRecord(text),
    promo: hits.some((h) => h.kind === 'promo'),
  };

  const viable = candidates.filter((c) => !c.excluded);
  const distinctCodes = new Set(viable.map((c) => c.code)).size;
  for (const cand of viable) scoreCandidate(ctx, cand, distinctCodes);

  // Structural fallback, for languages without keywords as much as for terse "<Service>: 4821":
  // when exactly one digit code in the message carries no decoy cue at all (no currency or unit,
  // no date/time/phone shape, no order/card/phone word, not a year, not a fragment), it is the
  // obvious code.
  // In a notice (a long identifier, marketing, a balance or bill, a time and a date) the lone
  // number is as often a train, store or short-code number: only one a code keyword names gets it.
  const cleanCodes = new Set(viable.filter((c) => c.clean && !c.excluded).map((c) => c.code));
  if (cleanCodes.size === 1) {
    const notice = isNotice(ctx, inUrl);
    for (const cand of viable)
      if (cand.clean && !cand.excluded && (cand.named || !notice)) cand.score += STRUCTURAL_BONUS;
  }

  // Deduplicate by code, keeping the best-scoring occurrence. A code repeated in the message
  // (Apple's "@apple.com #123456" line, Telegram's login link) is slightly more likely.
  const best = new Map<string, { cand: Candidate; count: number }>();
  for (const cand of viable) {
    if (cand.excluded) continue;
    const seen = best.get(cand.code);
    if (!seen) best.set(cand.code, { cand, count: 1 });
    else {
      seen.count++;
      if (cand.score > seen.cand.score) seen.cand = cand;
    }
  }
  const ranked = [...best.values()]
    .map(({ cand, count }) => ({ cand, score: cand.score + (count > 1 ? 0.25 : 0) }))
    .sort((a, b) => b.score - a.score || a.cand.start - b.cand.start)
    .slice(0, MAX_CANDIDATES);

  const out: CodeCandidate[] = ranked.map(({ cand, score }) => {
    const from = norm.map[cand.start] ?? 0;
    const to = (norm.map[cand.end - 1] ?? from) + 1;
    return { code: cand.code, confidence: toConfidence(score), raw: sms.slice(from, to), index: from };
  });
  const top = out[0];
  if (!top || top.confidence < MIN_CONFIDENCE) return { code: null, confidence: 0, candidates: out };
  return { code: top.code, confidence: top.confidence, candidates: out };
}
