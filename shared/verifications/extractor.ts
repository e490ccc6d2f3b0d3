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
 *     dot, also into uneven groups such as "48 2917", uppercase alphanumeric tokens and dash-split
 *     ones such as "K7P-4QX"), skipping anything inside a URL or e-mail address;
 *  3. score each candidate with simple, explainable features: proximity of a "code" keyword in
 *     many languages, lead-ins such as ':' or 'is', brackets/quotes, service prefixes (G-, FB-),
 *     length, and penalties for decoy contexts (currency, units, order/ref/card/phone keywords,
 *     phone and date shapes, years, digits glued to letters);
 *  4. structural fallback: when exactly one digit candidate carries no decoy cue at all (no
 *     currency/unit, no date/time/phone/URL shape, no order/card/phone word, not a year, not a
 *     fragment of a longer number), it gets a bonus. This is what finds the code in languages the
 *     keyword tables do not know, and in terse "<Service>: 4821" messages;
 *  5. squash the score into a 0..1 confidence and return the best candidate when it clears
 *     {@link MIN_CONFIDENCE}, otherwise `null` (no guesses below 0.5).
 *
 * The data (keyword tables per language, units, currencies, brackets, TLDs, per-service shapes)
 * lives in ./extractor/keywords.ts; this file is only logic. No rule is keyed to one sender: the
 * training corpus test rewrites every message with other digits, names, amounts and dates.
 *
 * Everything is linear-ish in the message length: the only regular expressions run on bounded
 * slices or have no nested quantifiers, so a hostile 50 KB message cannot cause catastrophic
 * backtracking. The module has no dependencies so it can run in any Lambda or in the browser.
 */

import {
  BRACKETS,
  CODE_KEYWORDS,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS as CURRENCY_WORD_LIST,
  DECOY_KEYWORDS,
  type HitKind,
  IS_SUFFIXES,
  INSTRUMENT_WORDS,
  IS_WORDS as IS_WORD_LIST,
  type KeywordSpec,
  MODIFIER_KEYWORDS,
  OPENERS,
  PROMO_KEYWORDS,
  SERVICE_ALIASES,
  SERVICE_FORMATS,
  TLDS,
  UNIT_CHARS,
  UNIT_WORDS as UNIT_WORD_LIST,
  UPPERCASE_STOPWORDS,
} from './extractor/keywords';

/** One possible code found in the message. */
export interface CodeCandidate {
  /** What the user would type: digits and/or uppercase letters, separators and prefixes removed. */
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

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

/**
 * Code point of the digit zero of every Unicode decimal-digit block we fold to ASCII. Arabic-Indic,
 * Persian, Devanagari, Bengali, Thai, fullwidth... users copy codes into apps that only accept
 * ASCII, so the extracted code must be ASCII whatever script the SMS used.
 */
const DIGIT_ZEROS: readonly number[] = [
  0x0660, // Arabic-Indic
  0x06f0, // Extended Arabic-Indic (Persian, Urdu)
  0x07c0, // NKo
  0x0966, // Devanagari
  0x09e6, // Bengali
  0x0a66, // Gurmukhi
  0x0ae6, // Gujarati
  0x0b66, // Oriya
  0x0be6, // Tamil
  0x0c66, // Telugu
  0x0ce6, // Kannada
  0x0d66, // Malayalam
  0x0de6, // Sinhala
  0x0e50, // Thai
  0x0ed0, // Lao
  0x0f20, // Tibetan
  0x1040, // Myanmar
  0x17e0, // Khmer
  0x1810, // Mongolian
  0xff10, // Fullwidth (CJK input methods)
];

/** Returns the ASCII digit for any supported decimal digit, or `null` when `cp` is not one. */
function foldDigit(cp: number): string | null {
  if (cp >= 0x30 && cp <= 0x39) return String.fromCharCode(cp);
  if (cp < 0x0660) return null;
  for (const zero of DIGIT_ZEROS) {
    if (cp >= zero && cp <= zero + 9) return String.fromCharCode(0x30 + cp - zero);
  }
  return null;
}

/**
 * Replaces every native decimal digit (Arabic-Indic, Persian, Devanagari, Thai, fullwidth, ...)
 * with its ASCII equivalent and leaves everything else untouched. Exposed for callers that
 * want to display or compare codes; {@link extractCode} applies it internally.
 */
export function normalizeDigits(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    out += foldDigit(text.charCodeAt(i)) ?? ch;
  }
  return out;
}

/**
 * Maps one UTF-16 code unit of the input to its normalised form: '' drops it (invisible format
 * characters and Latin combining marks, which otherwise split digit groups or keywords), other
 * values replace it. Only ever 0 or 1 output characters so the index map stays trivial.
 */
function normaliseChar(cp: number, ch: string): string {
  const digit = foldDigit(cp);
  if (digit !== null) return digit;
  if (cp < 0x80) {
    if (cp === 0x0d) return ''; // CR: "\r\n" must count as a single line break
    if (cp === 0x09) return ' ';
    return ch;
  }
  // Bidi/zero-width controls are common in Arabic, Hebrew and Persian SMS (ZWNJ inside words).
  if (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0x061c ||
    cp === 0xfeff ||
    cp === 0x00ad
  ) {
    return '';
  }
  if (cp >= 0x0300 && cp <= 0x036f) return ''; // decomposed accents: keep keywords matchable
  if (
    cp === 0x00a0 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0x1680
  ) {
    return ' ';
  }
  if ((cp >= 0x2010 && cp <= 0x2015) || cp === 0x2212 || cp === 0xfe58 || cp === 0xfe63 || cp === 0x2043) {
    return '-';
  }
  if (cp === 0x066b) return '.'; // Arabic decimal separator
  if (cp === 0x066c || cp === 0x060c) return ','; // Arabic thousands separator / comma
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0); // fullwidth ASCII
  return ch;
}

/** Letters that do not decompose under NFD but that people write without the diacritic. */
const SPECIAL_FOLDS: Readonly<Record<string, string>> = { ı: 'i', ł: 'l', đ: 'd', ø: 'o', ё: 'е' };

const foldCache = new Map<string, string>();

/**
 * Case- and accent-folds one character so keyword tables can be written once ("codigo" matches
 * "Código", "CÓDIGO" and a decomposed "Co\u0301digo"). Only Latin/Greek/Cyrillic are folded:
 * NFD would split Hangul syllables and Japanese kana, which must stay intact.
 */
function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let lower = ch.toLowerCase();
  if (lower.length !== 1) lower = ch; // e.g. Turkish 'İ' lowercases to two code units
  let result = SPECIAL_FOLDS[lower] ?? lower;
  const cp = result.charCodeAt(0);
  if (cp >= 0xc0 && cp < 0x500) {
    const decomposed = result.normalize('NFD');
    if (decomposed.length > 1 && decomposed.charCodeAt(0) < 0x500) {
      let onlyMarks = true;
      for (let k = 1; k < decomposed.length; k++) {
        const m = decomposed.charCodeAt(k);
        if (m < 0x0300 || m > 0x036f) onlyMarks = false;
      }
      if (onlyMarks) result = decomposed.charAt(0).toLowerCase();
    }
  }
  if (result.length !== 1) result = ch;
  foldCache.set(ch, result);
  return result;
}

/** Normalised view of a message; `text[i]` came from `original[map[i]]`. */
interface Normalised {
  /** Digits, spaces and dashes normalised; case preserved (alphanumeric codes keep their case). */
  text: string;
  /** `text` lowercased and accent-folded, same length, for keyword matching. */
  folded: string;
  /** Index into the original string for every index of `text`. */
  map: number[];
}

function normalise(input: string): Normalised {
  const text: string[] = [];
  const folded: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const ch = normaliseChar(input.charCodeAt(i), input.charAt(i));
    if (ch === '') continue;
    text.push(ch);
    folded.push(foldChar(ch));
    map.push(i);
  }
  return { text: text.join(''), folded: folded.join(''), map };
}

/** Normalises and folds a table entry exactly like message text, so tables stay readable. */
function foldPhrase(phrase: string): string {
  return normalise(phrase).folded;
}

// ---------------------------------------------------------------------------------------------
// Character classes (hand-written: cheaper than regexes in the hot loops and obviously linear)
// ---------------------------------------------------------------------------------------------

function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
function isAsciiUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch >= 'A' && ch <= 'Z';
}
function isAsciiLower(ch: string | undefined): boolean {
  return ch !== undefined && ch >= 'a' && ch <= 'z';
}
function isAsciiLetter(ch: string | undefined): boolean {
  return isAsciiUpper(ch) || isAsciiLower(ch);
}
function isAsciiAlnum(ch: string | undefined): boolean {
  return isAsciiDigit(ch) || isAsciiLetter(ch);
}
function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n';
}
const LETTER_RE = /[\p{L}\p{M}]/u;
/** Any-script letter (a single code unit test; astral letters are rare in SMS and harmless here). */
function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && (isAsciiLetter(ch) || (ch >= '\u00c0' && LETTER_RE.test(ch)));
}

// ---------------------------------------------------------------------------------------------
// Compiled keyword tables (data in ./extractor/keywords.ts)
// ---------------------------------------------------------------------------------------------

/** A compiled keyword: folded phrase plus boundary rules. */
interface Keyword {
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
const IS_WORDS: ReadonlySet<string> = new Set(IS_WORD_LIST.map(foldPhrase));
/** Currency codes and words written before an amount ("Rs. 5000", "INR 1500", "Rp 150.000"). */
const CURRENCY_WORDS: ReadonlySet<string> = new Set(CURRENCY_WORD_LIST.map(foldPhrase));
/** "with", "using", ...: between a decoy word and a number they detach the number from it. */
const INSTRUMENTS: readonly string[] = INSTRUMENT_WORDS.map(foldPhrase);

/** Does `text` contain `word` delimited by non-letters on both sides? */
function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!isLetter(text[at - 1]) && !isLetter(text[at + word.length])) return true;
  }
  return false;
}

/** Words after a number that make it a quantity rather than a code. */
const UNIT_WORDS: ReadonlySet<string> = new Set(UNIT_WORD_LIST.map(foldPhrase));

// ---------------------------------------------------------------------------------------------
// Known services: optional hints about code shape
// ---------------------------------------------------------------------------------------------

function resolveService(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const key = hint.trim().toLowerCase();
  return SERVICE_ALIASES[key] ?? key;
}

/** Guess the sender from its name in the text, for the weaker auto-detected boost. */
function detectService(folded: string): string | undefined {
  for (const name of Object.keys(SERVICE_FORMATS)) {
    if (folded.includes(name)) return name;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Analysis helpers
// ---------------------------------------------------------------------------------------------

/** A keyword occurrence in the folded text. */
interface Hit {
  start: number;
  end: number;
  weight: number;
  kind: HitKind;
}

/** All keyword occurrences, sorted by start. O(keywords x length) via indexOf. */
function findHits(folded: string): Hit[] {
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
  return hits.filter((h) => {
    if (h.kind === 'modifier') return false;
    if (h.kind !== 'code') return true;
    for (let gap = 0; gap <= 2; gap++) {
      if (promoEnds.has(h.start - gap)) return false;
    }
    return true;
  });
}

/** Host characters allowed before a TLD in a bare link or e-mail address. */
function isHostChar(ch: string | undefined): boolean {
  return isAsciiAlnum(ch) || ch === '.' || ch === '-' || ch === '_' || ch === '@';
}

/**
 * Marks links and e-mail addresses: digits inside them ("t.me/login/52981",
 * "example.com/abc?id=1234") are identifiers, never something to type. Every loop advances
 * monotonically or is bounded (host names are at most 253 characters), so this stays linear.
 */
function markUrls(text: string, folded: string): Uint8Array {
  const n = text.length;
  const inUrl = new Uint8Array(n);
  const tokenEnd = (from: number): number => {
    let z = from;
    while (z < n && !isSpace(text[z])) z++;
    return z;
  };
  const fill = (a: number, z: number): void => {
    inUrl.fill(1, a, z);
  };
  // scheme://... and www....
  let covered = 0;
  for (let p = folded.indexOf('://'); p !== -1; p = folded.indexOf('://', p + 3)) {
    if (p < covered) continue;
    let a = p;
    while (a > 0 && p - a < 16 && isAsciiLower(folded[a - 1])) a--;
    const z = tokenEnd(p);
    fill(a, z);
    covered = z;
  }
  for (let p = folded.indexOf('www.'); p !== -1; p = folded.indexOf('www.', p + 4)) {
    if (p < covered || isLetter(folded[p - 1])) continue;
    const z = tokenEnd(p);
    fill(p, z);
    covered = z;
  }
  // bare domains: label.tld optionally followed by a path
  for (let j = 0; j < n; j++) {
    if (text[j] !== '.' || inUrl[j]) continue;
    let k = j + 1;
    while (k < n && k - j <= 12 && isAsciiLower(text[k])) k++;
    if (k === j + 1 || isAsciiAlnum(text[k])) continue;
    if (!TLDS.has(text.slice(j + 1, k))) continue;
    let a = j;
    let hasLetter = false;
    while (a > 0 && j - a < 253 && isHostChar(text[a - 1])) {
      a--;
      if (isAsciiLetter(text[a])) hasLetter = true;
    }
    if (!hasLetter) continue;
    const z = text[k] === '/' || text[k] === '?' || text[k] === '#' ? tokenEnd(k) : k;
    fill(a, z);
    j = z - 1;
  }
  return inUrl;
}

/**
 * Prefix counts of sentence boundaries: a keyword in another sentence says much less about a
 * number ("Your code is 4186. Never share this code. Reply STOP to 89203").
 */
function sentenceBoundaryPrefix(text: string): Int32Array {
  const n = text.length;
  const prefix = new Int32Array(n + 1);
  let lastNonSpace = '';
  for (let i = 0; i < n; i++) {
    const ch = text.charAt(i);
    let boundary = false;
    if ('.!?。！？;'.includes(ch)) {
      const next = text[i + 1];
      const prev = text[i - 1];
      const decimal = isAsciiDigit(prev) && isAsciiDigit(next);
      boundary = !decimal && (next === undefined || isSpace(next) || next > '\u007f');
    } else if (ch === '\n') {
      boundary = lastNonSpace !== ':' && lastNonSpace !== '\n' && lastNonSpace !== '';
    }
    prefix[i + 1] = (prefix[i] ?? 0) + (boundary ? 1 : 0);
    if (ch !== ' ') lastNonSpace = ch;
  }
  return prefix;
}

/** Prefix counts of ASCII digits, to ask "is there another number between A and B?" in O(1). */
function digitPrefix(text: string): Int32Array {
  const prefix = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) prefix[i + 1] = (prefix[i] ?? 0) + (isAsciiDigit(text[i]) ? 1 : 0);
  return prefix;
}

function countBetween(prefix: Int32Array, a: number, b: number): number {
  if (b <= a) return 0;
  return (prefix[b] ?? 0) - (prefix[a] ?? 0);
}

/** Is `day`/`month` a plausible calendar pair? Used to recognise date-shaped digit groups. */
function validDayMonth(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Recognises groups such as 2024-05-01, 01.05.2024, 12-31-24 as dates (not codes). */
function isDateShape(groups: readonly string[]): boolean {
  const nums = groups.map((g) => Number.parseInt(g, 10));
  const lens = groups.map((g) => g.length);
  const [a = 0, b = 0, c = 0] = nums;
  const [la = 0, lb = 0, lc = 0] = lens;
  const isYear = (v: number, len: number): boolean => len === 4 && v >= 1900 && v <= 2099;
  if (groups.length === 3) {
    if (isYear(a, la) && lb <= 2 && lc <= 2) return validDayMonth(c, b);
    if (isYear(c, lc) && la <= 2 && lb <= 2) return validDayMonth(a, b) || validDayMonth(b, a);
    if (la === 2 && lb === 2 && lc === 2)
      return validDayMonth(a, b) || validDayMonth(b, a) || validDayMonth(c, b);
    return false;
  }
  if (groups.length === 2) {
    // "15.06", "14-16" (a day range), "2024-05", "05/2024"
    if (la === 2 && lb === 2) return a >= 1 && a <= 31 && b >= 1 && b <= 31;
    return (isYear(a, la) && lb <= 2 && b >= 1 && b <= 12) || (isYear(b, lb) && la <= 2 && a >= 1 && a <= 12);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Candidates
// ---------------------------------------------------------------------------------------------

/** A candidate during scoring, in normalised-text coordinates. */
interface Candidate {
  start: number;
  end: number;
  code: string;
  /** Uppercase letters + digits token (Steam Guard style) rather than a digit code. */
  alnum: boolean;
  /** Letters only (only accepted for Steam-like contexts). */
  lettersOnly: boolean;
  /** Hard veto: inside a link, part of a phone number, ... */
  excluded: boolean;
  /** Structural adjustments decided while enumerating (fragments, dates, glued digits). */
  adjust: number;
  score: number;
  /** Set by scoring: a digit code with no decoy cue at all (structure, keywords, shape). */
  clean?: boolean;
}

/** A maximal run of ASCII letters/digits in the normalised text. */
interface Word {
  start: number;
  end: number;
  digitsOnly: boolean;
}

function collectWords(text: string, inUrl: Uint8Array): Word[] {
  const words: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isAsciiAlnum(text[i])) {
      i++;
      continue;
    }
    const start = i;
    let digitsOnly = true;
    let url = false;
    while (i < n && isAsciiAlnum(text[i])) {
      if (!isAsciiDigit(text[i])) digitsOnly = false;
      if (inUrl[i]) url = true;
      i++;
    }
    if (!url) words.push({ start, end: i, digitsOnly });
  }
  return words;
}

/**
 * Is the digit chain starting at `start` written like a phone number? "+1 ...", "(800) 555-1234".
 * (Chains of 9+ digits are caught separately by their length.)
 */
function looksLikePhonePrefix(text: string, start: number): boolean {
  let p = start - 1;
  if (text[p] === '+') return true;
  if (text[p] === ' ') p--;
  if (text[p] !== ')') return false;
  p--;
  let digits = 0;
  while (p >= 0 && isAsciiDigit(text[p])) {
    p--;
    digits++;
  }
  return digits >= 2 && digits <= 5 && text[p] === '(';
}

/**
 * Digit candidates. Adjacent digit words separated by exactly one space, dash or dot form a
 * chain ("904 118", "9-0-4-1-1-8", "+1 415 555 0123", "2024-05-01"). Every contiguous
 * sub-chain whose groups have equal length (or are single digits) and 4-8 digits in total is a
 * candidate, as is each single group of 4-8 digits. Whole-chain shape then decides: phone
 * numbers veto all their parts, dates and unequal dash/dot groupings penalise them.
 */
function digitCandidates(text: string, words: readonly Word[]): Candidate[] {
  const out: Candidate[] = [];
  let w = 0;
  while (w < words.length) {
    const first = words[w];
    if (!first) break;
    if (!first.digitsOnly) {
      w++;
      continue;
    }
    const chain: Word[] = [first];
    const seps: string[] = [];
    let k = w + 1;
    for (; k < words.length; k++) {
      const prev = chain[chain.length - 1];
      const next = words[k];
      if (!prev || !next?.digitsOnly || next.start !== prev.end + 1) break;
      const sep = text.charAt(prev.end);
      if (sep !== ' ' && sep !== '-' && sep !== '.') break;
      chain.push(next);
      seps.push(sep);
    }
    w = k;
    // (a loop, not push(...spread): a 50 KB chain would overflow the call stack)
    for (const cand of chainCandidates(text, chain, seps)) out.push(cand);
  }
  return out;
}

function chainCandidates(text: string, chain: readonly Word[], seps: readonly string[]): Candidate[] {
  const groups = chain.map((g) => text.slice(g.start, g.end));
  const total = groups.reduce((sum, g) => sum + g.length, 0);
  const firstWord = chain[0];
  if (!firstWord) return [];
  // Phone numbers veto every part of themselves, so there is nothing to enumerate. Nine or more
  // digits in dashed/dotted groups, three or more groups, or two groups opening with a trunk '0'
  // ("030 12345678", "07700 900123") are phone numbers; two plain groups such as "482910 2024"
  // are just two numbers side by side.
  const punctuated = seps.some((sep) => sep !== ' ');
  const trunkPrefix = text[firstWord.start] === '0';
  const longPhone = total >= 9 && chain.length >= 2 && (punctuated || chain.length >= 3 || trunkPrefix);
  if (looksLikePhonePrefix(text, firstWord.start) || longPhone) return [];
  const punctSeps = seps.filter((sep) => sep !== ' ');
  const uniformPunct = punctSeps.length === seps.length && new Set(seps).size === 1;
  const date = uniformPunct && isDateShape(groups);
  // Unequal dash/dot groupings ("555-1234", "123-45-67", "12345678-0001") are phone numbers,
  // order numbers or amounts; their fragments are not codes.
  const lengths = new Set(groups.map((g) => g.length));
  const irregularPunct = chain.length >= 2 && punctSeps.length > 0 && lengths.size > 1;

  const found: { i: number; j: number; code: string }[] = [];
  /** Longest sub-chain found starting at each group, to test containment in O(8) per candidate. */
  const longestFrom = new Int32Array(groups.length).fill(-1);
  for (let i = 0; i < groups.length; i++) {
    let digits = 0;
    for (let j = i; j < groups.length; j++) {
      const g = groups[j] ?? '';
      digits += g.length;
      if (digits > 8) break;
      if (j > i && seps[j - 1] !== seps[i]) break;
      const firstLen = groups[i]?.length ?? 0;
      if (j > i && g.length !== firstLen) break;
      const count = j - i + 1;
      if (digits < 4) continue;
      if (count > 1 && firstLen === 1 && count < 4) continue;
      found.push({ i, j, code: groups.slice(i, j + 1).join('') });
      longestFrom[i] = j;
    }
  }
  // Uneven groups written as one code ("48 2917", "1 234 56", "77-0319"): the whole chain is a
  // candidate when every group is short, the total fits a code and the groups are not a date.
  const sameSep = new Set(seps).size === 1 && seps[0] !== '.';
  const uneven =
    chain.length >= 2 &&
    sameSep &&
    lengths.size > 1 &&
    groups.every((g) => g.length <= 4) &&
    total >= 5 &&
    total <= 8 &&
    !isDateShape(groups);
  // Thousands written with spaces ("150 000", "1 250 000"): an amount, not a code.
  const thousands =
    chain.length >= 2 &&
    seps.every((sep) => sep === ' ') &&
    groups.slice(1).every((g) => g.length === 3) &&
    groups[groups.length - 1] === '000';
  const parts = found.map(({ i, j, code }) => {
    const startWord = chain[i];
    const endWord = chain[j];
    const whole = i === 0 && j === chain.length - 1;
    let adjust = 0;
    if (!whole) {
      // Sub-chains span at most 8 groups, so only starts within 7 groups to the left can contain us.
      let containedInLarger = false;
      for (let o = Math.max(0, i - 7); o <= i && !containedInLarger; o++) {
        const oj = longestFrom[o] ?? -1;
        if (oj >= j && oj - o > j - i) containedInLarger = true;
      }
      const leftSep = i > 0 ? seps[i - 1] : undefined;
      const rightSep = j < chain.length - 1 ? seps[j] : undefined;
      const punctNeighbour =
        (leftSep !== undefined && leftSep !== ' ') || (rightSep !== undefined && rightSep !== ' ');
      if (date) adjust -= 2.5;
      else if (punctNeighbour && (irregularPunct || chain.length > 2)) adjust -= 2.5;
      else if (punctNeighbour) adjust -= 1.2;
      else if (containedInLarger) adjust -= 0.8;
    } else if (date) {
      adjust -= 1.5;
    }
    return {
      start: startWord?.start ?? 0,
      end: endWord?.end ?? 0,
      code,
      alnum: false,
      lettersOnly: false,
      excluded: false,
      adjust: (uneven ? adjust - 0.8 : adjust) - (thousands ? 1.5 : 0),
      score: 0,
    };
  });
  if (uneven) {
    const lastWord = chain[chain.length - 1];
    parts.push({
      start: firstWord.start,
      end: lastWord?.end ?? firstWord.end,
      code: groups.join(''),
      alnum: false,
      lettersOnly: false,
      excluded: false,
      adjust: (seps[0] === ' ' ? -0.1 : -0.4) - (thousands ? 1.5 : 0),
      score: 0,
    });
  }
  return parts;
}

/** Counts digits and uppercase letters of a token; `null` when it holds anything else. */
function upperAlnumClasses(token: string): { digits: number; letters: number } | null {
  let digits = 0;
  let letters = 0;
  for (const ch of token) {
    if (isAsciiDigit(ch)) digits++;
    else if (isAsciiUpper(ch)) letters++;
    else return null;
  }
  return { digits, letters };
}

/**
 * Alphanumeric codes written as 2-3 dash-joined groups of 2-5 characters ("K7P-4QX",
 * "2RC9-KM7Q", "AB1-CD2-EF3"): pushes the joined code and returns the indices of the words used,
 * so the groups on their own are penalised as fragments. Longer dash chains (licence keys) and
 * chains of very different group lengths are not codes to type.
 */
function dashedAlnumPairs(text: string, words: readonly Word[], out: Candidate[]): Set<number> {
  const paired = new Set<number>();
  let w = 0;
  while (w < words.length) {
    let end = w;
    while (end + 1 < words.length) {
      const a = words[end];
      const b = words[end + 1];
      if (!a || !b || text[a.end] !== '-' || b.start !== a.end + 1) break;
      end++;
    }
    const group = words.slice(w, end + 1);
    w = end + 1;
    if (group.length < 2 || group.length > 3) continue;
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last || text[first.start - 1] === '-') continue;
    const lens = group.map((g) => g.end - g.start);
    if (Math.min(...lens) < 2 || Math.max(...lens) > 5 || Math.max(...lens) - Math.min(...lens) > 1) continue;
    if (group.some((g) => g.digitsOnly)) continue;
    let digits = 0;
    let letters = 0;
    let valid = true;
    for (const g of group) {
      const c = upperAlnumClasses(text.slice(g.start, g.end));
      if (!c) valid = false;
      else {
        digits += c.digits;
        letters += c.letters;
      }
    }
    if (!valid || digits === 0 || letters === 0 || digits + letters > 12) continue;
    out.push({
      start: first.start,
      end: last.end,
      code: group.map((g) => text.slice(g.start, g.end)).join(''),
      alnum: true,
      lettersOnly: false,
      excluded: false,
      adjust: 0,
      score: 0,
    });
    for (let k = w - group.length; k < w; k++) paired.add(k);
  }
  return paired;
}

/**
 * Candidates from words that contain letters: uppercase alphanumeric tokens ("Q4W8M",
 * "7K2PD"), and digit runs glued to letters ("Office2019", "XX1234") which are penalised but kept
 * so they can lose visibly to the real code.
 */
function mixedCandidates(text: string, words: readonly Word[]): Candidate[] {
  const out: Candidate[] = [];
  const paired = dashedAlnumPairs(text, words, out);
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    if (!word || word.digitsOnly) continue;
    const half = paired.has(w) ? -1.2 : 0;
    const token = text.slice(word.start, word.end);
    let hasDigit = false;
    let hasLower = false;
    for (const ch of token) {
      if (isAsciiDigit(ch)) hasDigit = true;
      else if (isAsciiLower(ch)) hasLower = true;
    }
    const masked = /^X{2,}\d+$|^\d+X{2,}$|XXX/.test(token) && token.length <= 24;
    if (!hasLower && !masked && token.length >= 4 && token.length <= 8) {
      out.push({
        start: word.start,
        end: word.end,
        code: token,
        alnum: true,
        lettersOnly: !hasDigit,
        excluded: !hasDigit && UPPERCASE_STOPWORDS.has(token),
        adjust: half,
        score: 0,
      });
    }
    if (!hasDigit) continue;
    // Digit runs inside the word.
    let i = word.start;
    while (i < word.end) {
      if (!isAsciiDigit(text[i])) {
        i++;
        continue;
      }
      const s = i;
      while (i < word.end && isAsciiDigit(text[i])) i++;
      const len = i - s;
      if (len >= 4 && len <= 8) {
        out.push({
          start: s,
          end: i,
          code: text.slice(s, i),
          alnum: false,
          lettersOnly: false,
          excluded: false,
          adjust: (masked ? -3 : -1.6) + half,
          score: 0,
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

/** Everything the scorer needs about the message, computed once. */
interface Context {
  text: string;
  folded: string;
  hits: readonly Hit[];
  boundaries: Int32Array;
  digits: Int32Array;
  service: string | undefined;
  serviceFromHint: boolean;
  /** The caller's service hint says this sender uses alphanumeric codes. */
  lettersHint: boolean;
}

/** How far (in characters) a keyword may be from a candidate and still count. */
const KEYWORD_WINDOW = 120;
/** Decoy keywords only label the number right after them. */
const DECOY_WINDOW = 30;

/** Base score by length: six digits is by far the most common format, then 4/5, then 7/8. */
const LENGTH_SCORE: Readonly<Record<number, number>> = { 4: 0.35, 5: 0.4, 6: 0.6, 7: 0.3, 8: 0.35 };

/** Keyword influence decays with distance; half strength at 30 characters. */
function decay(distance: number): number {
  return 1 / (1 + Math.max(0, distance) / 30);
}

/** Index of the first hit whose start is >= pos. */
function lowerBound(hits: readonly Hit[], pos: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((hits[mid]?.start ?? 0) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Keyword features of a candidate. */
interface KeywordFeatures {
  /** Combined score of code keywords around the candidate. */
  score: number;
  /** Distance to the nearest code keyword before the candidate (Infinity if none). */
  nearestCodeBefore: number;
  /** A decoy keyword labels this candidate. */
  decoy: boolean;
  /** Marketing vocabulary in the same sentence. */
  promo: boolean;
  /** "<number> is your code": an "is" word then a code keyword right after the number. */
  namedAfter: boolean;
}

function keywordFeatures(ctx: Context, cand: Candidate): KeywordFeatures {
  const { hits, boundaries, digits } = ctx;
  let before = 0;
  let after = 0;
  let nearestCodeBefore = Number.POSITIVE_INFINITY;
  let nearestDecoyBefore = Number.POSITIVE_INFINITY;
  let decoyStart = -1;
  let decoySoft = false;
  /** Earliest code keyword that governs the candidate: same sentence, nothing numeric in between. */
  let governingCodeEnd = -1;
  let promo = false;
  /** "<code> is your OTP": an "is" word right after the number, then a code keyword. */
  let namedAfter = false;
  const pivot = lowerBound(hits, cand.end);
  const sameSentence = (a: number, b: number): number => countBetween(boundaries, a, b);
  // Hits before the candidate (scan backwards from the pivot).
  for (let h = pivot - 1; h >= 0; h--) {
    const hit = hits[h];
    if (!hit) continue;
    if (cand.start - hit.start > KEYWORD_WINDOW + 20) break;
    if (hit.end > cand.start) continue; // overlaps the candidate
    const distance = cand.start - hit.end;
    if (distance > KEYWORD_WINDOW) continue;
    const crossings = sameSentence(hit.end, cand.start);
    const numbersBetween = countBetween(digits, hit.end, cand.start) > 0;
    if (hit.kind === 'code') {
      let s = hit.weight * 1.6 * decay(distance) * 0.55 ** Math.min(crossings, 3);
      if (numbersBetween) s *= 0.5;
      before = Math.max(before, s);
      if (crossings === 0) nearestCodeBefore = Math.min(nearestCodeBefore, distance);
      if (crossings === 0 && !numbersBetween) governingCodeEnd = hit.end;
    } else if (hit.kind === 'decoy') {
      // A comma closes the decoy's phrase: "Dear customer, 519274 is your OTP".
      const gap = ctx.folded.slice(hit.end, cand.start);
      const closed = gap.includes(',') || INSTRUMENTS.some((w) => containsWord(gap, w));
      if (
        distance <= DECOY_WINDOW &&
        crossings === 0 &&
        !numbersBetween &&
        !closed &&
        distance < nearestDecoyBefore
      ) {
        nearestDecoyBefore = distance;
        decoyStart = hit.start;
        decoySoft = hit.weight < 1;
      }
    } else if (distance <= 40 && crossings === 0) {
      promo = true;
    }
  }
  // Hits after the candidate ("482910 is your Amazon OTP", "123456是您的验证码").
  for (let h = pivot; h < hits.length; h++) {
    const hit = hits[h];
    if (!hit) continue;
    const distance = hit.start - cand.end;
    if (distance > KEYWORD_WINDOW) break;
    const crossings = sameSentence(cand.end, hit.start);
    if (hit.kind === 'code') {
      const numbersAfter = countBetween(digits, cand.end, hit.start) > 0;
      let s = hit.weight * 1.3 * decay(distance) * 0.55 ** Math.min(crossings, 3);
      if (numbersAfter) s *= 0.5;
      after = Math.max(after, s);
      if (hit.weight >= 0.8 && distance <= 30 && crossings === 0 && !numbersAfter) {
        const next = skipSpacesRight(ctx.folded, cand.end, 2);
        if (IS_WORDS.has(wordStartingAt(ctx.folded, next))) namedAfter = true;
      }
    } else if (hit.kind === 'promo' && distance <= 40 && crossings === 0) {
      promo = true;
    }
  }
  const score = Math.max(before, after) + 0.35 * Math.min(before, after);
  // A decoy inside the code phrase itself ("code for your account: 703152", "رمز ... حسابك:") is
  // governed by the code keyword before it; only a decoy that starts the phrase labels the number.
  const governed =
    decoySoft &&
    governingCodeEnd !== -1 &&
    governingCodeEnd <= decoyStart &&
    decoyStart - governingCodeEnd <= 40;
  // "<decoy word>: 7713 is your code" - the words after the number name it.
  const decoy = nearestDecoyBefore < nearestCodeBefore && !governed && !namedAfter;
  return { score, nearestCodeBefore, decoy, promo, namedAfter };
}

/** Skips `count` spaces at most, moving left from `p` (inclusive); returns the new position. */
function skipSpacesLeft(text: string, p: number, max: number): number {
  let q = p;
  while (q >= 0 && text[q] === ' ' && p - q < max) q--;
  return q;
}

function skipSpacesRight(text: string, p: number, max: number): number {
  let q = p;
  while (q < text.length && text[q] === ' ' && q - p < max) q++;
  return q;
}

/** Reads the letters of the word ending at `p` (inclusive), at most 12. */
function wordEndingAt(folded: string, p: number): string {
  let q = p;
  while (q >= 0 && p - q < 12 && isLetter(folded[q])) q--;
  return folded.slice(q + 1, p + 1);
}

/** Reads the letters of the word starting at `p`, at most 12. */
function wordStartingAt(folded: string, p: number): string {
  let q = p;
  while (q < folded.length && q - p < 12 && isLetter(folded[q])) q++;
  return folded.slice(p, q);
}

/** Apple/WebOTP domain-bound line: "@apple.com #123456" - the code follows '#' after '@domain'. */
const DOMAIN_BOUND_RE = /@[a-z0-9][a-z0-9.-]{0,80}\.[a-z]{2,24} {0,3}#$/;

/** Structural features around a candidate: lead-ins, brackets, prefixes, decoy neighbours. */
function layoutScore(ctx: Context, cand: Candidate, kw: KeywordFeatures): number {
  const { nearestCodeBefore } = kw;
  const { text, folded } = ctx;
  let s = 0;
  const prev = text[cand.start - 1];
  const next = text[cand.end];

  // Lead-in: strip spaces and opening brackets, then look for ':', '=', 'is', a service prefix, '#'.
  let p = skipSpacesLeft(text, cand.start - 1, 4);
  while (p >= 0 && OPENERS.has(text.charAt(p)) && cand.start - p < 6) p = skipSpacesLeft(text, p - 1, 4);
  const lead = text[p];
  if (lead === ':' || lead === '=') {
    s += 0.6;
  } else if (lead === '-' && p === cand.start - 1 && isAsciiUpper(text[p - 1])) {
    // Service prefix glued with a dash: "G-730155", "FB-20931" (1-4 capitals at a word start).
    let q = p - 1;
    while (q >= 0 && isAsciiUpper(text[q]) && p - q <= 5) q--;
    if (p - 1 - q <= 4 && !isAsciiAlnum(text[q])) s += 1.0;
  } else if (lead === '-' && text[p - 1] === ' ') {
    s += 0.5; // "Код подтверждения — 602817"
  } else if (lead === '#') {
    const tail = folded.slice(Math.max(0, p - 100), p + 1);
    if (DOMAIN_BOUND_RE.test(tail)) s += 1.8;
    else if (nearestCodeBefore > 3 && !kw.namedAfter) s -= 1.2; // "Order #123456", "store #1042"
  } else if (lead !== undefined) {
    const word = wordEndingAt(folded, p);
    if (IS_WORDS.has(word) || IS_SUFFIXES.some((suffix) => word.endsWith(suffix))) s += 0.6;
  }

  // Highlighted with brackets or quotes: [482910], «482910», 【482910】, "482910".
  const open = text[skipSpacesLeft(text, cand.start - 1, 1)];
  const close = text[skipSpacesRight(text, cand.end, 1)];
  if (open !== undefined && close !== undefined && BRACKETS.get(open) === close) s += 0.5;

  // Masked card/account digits: "*1234", "...4321", "•••• 4321" (but "*482917*" is emphasis).
  const emphasised = (prev === '*' || prev === '_' || prev === '~') && next === prev;
  if (
    !emphasised &&
    (prev === '*' || prev === '•' || prev === '·' || (prev === '.' && text[cand.start - 2] === '.'))
  )
    s -= 2.5;

  // Part of a larger numeric expression: times (10:45), fractions/dates (12/31/2024), decimals.
  if (prev === '/' || prev === '\\' || next === '/' || next === '\\') s -= 1.5;
  if (
    (prev === ':' && isAsciiDigit(text[cand.start - 2])) ||
    (next === ':' && isAsciiDigit(text[cand.end + 1]))
  ) {
    s -= 1.5;
  }
  if ((prev === ',' || prev === '.') && isAsciiDigit(text[cand.start - 2])) s -= 1.5;
  if ((next === ',' || next === '.') && isAsciiDigit(text[cand.end + 1])) s -= 1.5;
  if ((next === ',' || next === '.') && (text[cand.end + 1] === '-' || text[cand.end + 1] === '—')) s -= 2.5; // 4829,- EUR
  if (next === '+' || next === '=' || (!emphasised && (next === '_' || prev === '_'))) s -= 1.0; // hashes, ids

  // Amounts and quantities.
  const before = skipSpacesLeft(text, cand.start - 1, 1);
  const beforeCh = text[before];
  let currencyBefore = beforeCh !== undefined && CURRENCY_SYMBOLS.has(beforeCh);
  if (!currencyBefore) {
    const q = beforeCh === '.' ? before - 1 : before;
    currencyBefore = CURRENCY_WORDS.has(wordEndingAt(folded, q));
  }
  if (currencyBefore) s -= 2.5;
  const after = skipSpacesRight(text, cand.end, 1);
  const afterCh = text[after];
  if (afterCh !== undefined) {
    if (CURRENCY_SYMBOLS.has(afterCh) || afterCh === '%' || afterCh === '‰') s -= 2.5;
    else if (UNIT_CHARS.has(afterCh) || UNIT_WORDS.has(wordStartingAt(folded, after))) s -= 2.0;
  }
  return s;
}

/** Scores one candidate; sets `excluded` for candidates that can never be the code. */
function scoreCandidate(ctx: Context, cand: Candidate, others: number): void {
  const len = cand.end - cand.start;
  const kw = keywordFeatures(ctx, cand);
  let s = cand.adjust;

  if (cand.alnum) {
    // Alphanumeric tokens are only codes when a code keyword is close: uppercase words and
    // model numbers are everywhere otherwise.
    if (kw.score < 0.5) cand.excluded = true;
    // All-letter codes ("FRCTB") only right after the word that names them.
    const namedLetters = kw.nearestCodeBefore <= 12 && len >= 5 && (ctx.lettersHint || kw.score >= 1);
    if (cand.lettersOnly && !namedLetters) cand.excluded = true;
    s += 0.15;
  } else {
    s += LENGTH_SCORE[cand.code.length] ?? 0;
  }

  s += kw.score;
  const layout = layoutScore(ctx, cand, kw);
  s += layout;
  if (kw.decoy) s -= 2.0;
  if (kw.promo) s -= 1.5;

  // A bare 19xx/20xx next to other numbers is usually a year ("© 2024", "valid until 2025").
  // Right after a code keyword ("Security code 2025") it is much more likely the code itself.
  const yearLike = !cand.alnum && /^(19|20)\d\d$/.test(cand.code);
  if (yearLike && others > 1) s -= kw.nearestCodeBefore <= 3 ? 0.3 : 0.8;
  cand.clean = !cand.alnum && !yearLike && !kw.decoy && !kw.promo && layout >= 0 && cand.adjust > -0.3;

  // Service format hint: a small nudge, never decisive on its own.
  const fmt = ctx.service ? SERVICE_FORMATS[ctx.service] : undefined;
  if (fmt) {
    const boost = ctx.serviceFromHint ? 0.3 : 0.15;
    if (cand.alnum && fmt.alnumLength === len) s += boost;
    if (!cand.alnum && fmt.lengths?.includes(cand.code.length)) s += boost;
  }
  cand.score = s;
}

/** Score added to the only decoy-free digit code of a message (see {@link extractCode}). */
const STRUCTURAL_BONUS = 0.9;

/** Maps a raw score to 0..1; a score of 1.1 sits exactly at {@link MIN_CONFIDENCE}. */
function toConfidence(score: number): number {
  const c = 1 / (1 + Math.exp(-2.2 * (score - 1.1)));
  return Math.round(c * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Extracts the verification code from an SMS body.
 *
 * @param sms  message text, any language or script
 * @param opts optional `service` hint ("google", "steam", ...) that slightly favours that
 *             service's code format
 * @returns the best code (digits / uppercase letters only, separators and prefixes removed) with a
 *          0..1 confidence, or `code: null, confidence: 0` when no candidate is convincing;
 *          `candidates` lists the alternatives considered, best first
 */
export function extractCode(sms: string, opts: ExtractOptions = {}): Extraction {
  if (typeof sms !== 'string' || sms.length === 0) return { code: null, confidence: 0, candidates: [] };
  const norm = normalise(sms);
  const { text, folded } = norm;
  const inUrl = markUrls(text, folded);
  const words = collectWords(text, inUrl);
  const candidates = [...digitCandidates(text, words), ...mixedCandidates(text, words)];
  if (candidates.length === 0) return { code: null, confidence: 0, candidates: [] };

  const hinted = resolveService(opts.service);
  const ctx: Context = {
    text,
    folded,
    hits: findHits(folded),
    boundaries: sentenceBoundaryPrefix(text),
    digits: digitPrefix(text),
    service: hinted ?? detectService(folded),
    serviceFromHint: hinted !== undefined,
    lettersHint: hinted !== undefined && SERVICE_FORMATS[hinted]?.alnumLength !== undefined,
  };

  const viable = candidates.filter((c) => !c.excluded);
  const distinctCodes = new Set(viable.map((c) => c.code)).size;
  for (const cand of viable) scoreCandidate(ctx, cand, distinctCodes);

  // Structural fallback, for languages without keywords as much as for terse "<Service>: 4821":
  // when exactly one digit code in the message carries no decoy cue at all (no currency or unit,
  // no date/time/phone shape, no order/card/phone word, not a year, not a fragment), it is the
  // obvious code.
  const cleanCodes = new Set(viable.filter((c) => c.clean && !c.excluded).map((c) => c.code));
  if (cleanCodes.size === 1) {
    for (const cand of viable) if (cand.clean && !cand.excluded) cand.score += STRUCTURAL_BONUS;
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
