/**
 * Keyword tables compiled from ./data (folded like message text) and the search for keyword hits
 * in a message.
 */
import { isAsciiDigit, isLetter } from './chars';
import { CODE_KEYWORDS, IS_WORDS as IS_WORD_LIST } from './data/code-words';
import {
  DECOY_KEYWORDS,
  INSTRUMENT_WORDS,
  MODIFIER_KEYWORDS,
  POST_MODIFIER_WORDS,
  PROMO_KEYWORDS,
} from './data/decoy-words';
import type { HitKind, KeywordSpec } from './data/types';
import {
  CURRENCY_WORDS as CURRENCY_WORD_LIST,
  NUMBERED_AFTER_LIST,
  STATEMENT_WORD_LIST,
  TRAVEL_WORD_LIST,
  UNIT_WORDS as UNIT_WORD_LIST,
} from './data/vocabulary';
import { foldPhrase } from './normalise';

/** A compiled keyword: folded phrase plus boundary rules. */
export interface Keyword {
  phrase: string;
  weight: number;
  kind: HitKind;
  wordStart: boolean;
  wordEnd: boolean;
}

function compileKeywords(specs: readonly KeywordSpec[], kind: HitKind): Keyword[] {
  return specs.map(([phrase, weight, flags = '']) => ({
    phrase: foldPhrase(phrase),
    weight,
    kind,
    wordStart: flags.includes('b'),
    wordEnd: flags.includes('e'),
  }));
}

const KEYWORDS: readonly Keyword[] = [
  ...compileKeywords(CODE_KEYWORDS, 'code'),
  ...compileKeywords(DECOY_KEYWORDS, 'decoy'),
  ...compileKeywords(PROMO_KEYWORDS, 'promo'),
  ...compileKeywords(MODIFIER_KEYWORDS, 'modifier'),
];

/** Words meaning "is" that typically sit between a keyword and the code ("... code is 1234"). */
export const IS_WORDS: ReadonlySet<string> = new Set(IS_WORD_LIST.map(foldPhrase));
/** Currency codes and words written before an amount ("Rs. 5000", "INR 1500", "Rp 150.000"). */
export const CURRENCY_WORDS: ReadonlySet<string> = new Set(CURRENCY_WORD_LIST.map(foldPhrase));
/** "with", "using", ...: between a decoy word and a number they detach the number from it. */
export const INSTRUMENTS: readonly string[] = INSTRUMENT_WORDS.map(foldPhrase);

/** "Numbered" words written after an id (see NUMBERED_AFTER_LIST), folded. */
export const NUMBERED_AFTER: ReadonlySet<string> = new Set(NUMBERED_AFTER_LIST.map(foldPhrase));

/** Departure words, folded (see TRAVEL_WORD_LIST). */
export const TRAVEL_WORDS: readonly string[] = TRAVEL_WORD_LIST.map(foldPhrase);

/** Statement and bill words, folded (see STATEMENT_WORD_LIST). */
export const STATEMENT_WORDS: readonly string[] = STATEMENT_WORD_LIST.map(foldPhrase);

/** Words after a number that make it a quantity rather than a code. */
export const UNIT_WORDS: ReadonlySet<string> = new Set(UNIT_WORD_LIST.map(foldPhrase));

/** A keyword occurrence in the folded text. */
export interface Hit {
  start: number;
  end: number;
  weight: number;
  kind: HitKind;
}

/** All keyword occurrences, sorted by start. O(keywords x length) via indexOf. */
export function findHits(folded: string): Hit[] {
  const hits: Hit[] = [];
  for (const kw of KEYWORDS) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(kw.phrase, from);
      if (at === -1) break;
      from = at + 1;
      const end = at + kw.phrase.length;
      if (kw.wordStart && (isLetter(folded[at - 1]) || isAsciiDigit(folded[at - 1]))) continue;
      if (kw.wordEnd && isLetter(folded[end])) continue;
      hits.push({ start: at, end, weight: kw.weight, kind: kw.kind });
    }
  }
  hits.sort((a, b) => a.start - b.start);
  // "promo code", "zip code", "QR-code": the modifier means the code keyword is not about a login.
  const promoEnds = new Set<number>();
  for (const h of hits) if (h.kind === 'promo' || h.kind === 'modifier') promoEnds.add(h.end);
  // "PIN-Nummer", "OTP number", "Codenummer": a decoy word right after a strong code word names the code.
  const codeEnds = new Set<number>();
  for (const h of hits) if (h.kind === 'code' && h.weight >= 0.7) codeEnds.add(h.end);
  const compound = (h: Hit): boolean =>
    codeEnds.has(h.start) ||
    (codeEnds.has(h.start - 1) && (folded[h.start - 1] === '-' || folded[h.start - 1] === ' '));
  return hits.filter((h) => {
    if (h.kind === 'modifier') return false;
    if (h.kind === 'decoy') return !compound(h);
    if (h.kind !== 'code') return true;
    if (modifiedAfter(folded, h.end)) return false;
    for (let gap = 0; gap <= 2; gap++) {
      if (promoEnds.has(h.start - gap)) return false;
    }
    return true;
  });
}

const POST_MODIFIERS: readonly string[] = POST_MODIFIER_WORDS.map(foldPhrase);

/** "kode booking", "código promocional": a word right after the code word makes it another code. */
function modifiedAfter(folded: string, end: number): boolean {
  let wordEnd = end;
  while (isLetter(folded[wordEnd])) wordEnd++; // "kod" matches "kode", "kodu"
  if (folded[wordEnd] !== ' ') return false;
  const at = wordEnd + 1;
  return POST_MODIFIERS.some((w) => folded.startsWith(w, at) && !isLetter(folded[at + w.length]));
}

/** Index of the first hit whose start is >= pos. */
export function lowerBound(hits: readonly Hit[], pos: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((hits[mid]?.start ?? 0) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
