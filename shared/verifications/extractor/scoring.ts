/**
 * Scoring: explainable features of each candidate (code keywords near it, lead-ins, brackets,
 * service prefixes, length) minus penalties for decoy contexts (currency, units, order/ref/card
 * words, phone/date/time shapes, years, digits glued to letters), squashed into a 0..1 confidence.
 */
import type { Candidate } from './candidates';
import {
  containsWord,
  isAsciiAlnum,
  isAsciiDigit,
  isAsciiUpper,
  isLetter,
  skipSpacesLeft,
  skipSpacesRight,
  wordEndingAt,
  wordStartingAt,
} from './chars';
import { IS_SUFFIXES } from './data/code-words';
import { BRACKETS, OPENERS } from './data/characters';
import { SERVICE_FORMATS } from './data/services';
import { CURRENCY_SYMBOLS, STREET_WORDS, UNIT_CHARS } from './data/vocabulary';
import { NUMBERED_AFTER, STATEMENT_WORDS, TRAVEL_WORDS } from './keywords';
import { CURRENCY_WORDS, type Hit, INSTRUMENTS, IS_WORDS, lowerBound, UNIT_WORDS } from './keywords';
import { countBetween, hasLongIdentifier } from './structure';

/** Everything the scorer needs about the message, computed once. */
export interface Context {
  text: string;
  folded: string;
  hits: readonly Hit[];
  boundaries: Int32Array;
  digits: Int32Array;
  service: string | undefined;
  serviceFromHint: boolean;
  /** The caller's service hint says this sender uses alphanumeric codes. */
  lettersHint: boolean;
  /** Three or more glued "LABEL:value" fields: a ticket or booking record (./structure.ts). */
  record: boolean;
  /** Marketing vocabulary anywhere in the message. */
  promo: boolean;
}

/** How far (in characters) a keyword may be from a candidate and still count. */
const KEYWORD_WINDOW = 120;
/** Decoy keywords only label the number right after them. */
const DECOY_WINDOW = 30;

/** Base score by length: six digits is by far the most common format, then 4/5, then 7/8. */
const LENGTH_SCORE: Readonly<Record<number, number>> = { 3: 0.2, 4: 0.35, 5: 0.4, 6: 0.6, 7: 0.3, 8: 0.35 };

/** Keyword influence decays with distance; half strength at 30 characters. */
function decay(distance: number): number {
  return 1 / (1 + Math.max(0, distance) / 30);
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
  /** Distance to the nearest strong code keyword before the candidate, same sentence. */
  nearestStrongCodeBefore: number;
}

function keywordFeatures(ctx: Context, cand: Candidate): KeywordFeatures {
  const { hits, boundaries, digits } = ctx;
  let before = 0;
  let after = 0;
  let nearestCodeBefore = Number.POSITIVE_INFINITY;
  /** Same, counting only strong code words (not "login", "use", "enter", "confirm"). */
  let nearestStrongCodeBefore = Number.POSITIVE_INFINITY;
  let nearestDecoyBefore = Number.POSITIVE_INFINITY;
  let decoyStart = -1;
  let decoySoft = false;
  /** The decoy's phrase ends with a colon before the candidate ("код для получения посылки: 551204"). */
  let decoyColon = false;
  /** Earliest code keyword that governs the candidate: same sentence, nothing numeric in between. */
  let governingCodeEnd = -1;
  let promo = false;
  /** "<code> is your OTP": an "is" word right after the number, then a code keyword. */
  let namedAfter = false;
  const pivot = lowerBound(hits, cand.end);
  const chainStart = cand.chainStart ?? cand.start;
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
      if (crossings === 0 && hit.weight >= 0.7)
        nearestStrongCodeBefore = Math.min(nearestStrongCodeBefore, distance);
      if (crossings === 0 && !numbersBetween) governingCodeEnd = hit.end;
    } else if (hit.kind === 'decoy') {
      // A decoy word labels the whole digit chain after it ("ring 915 04800" labels 04800 too).
      const from = hit.end <= chainStart ? chainStart : cand.start;
      // The dot of an abbreviation ("Nr. 4567", "अर्ज क्र. 4567") does not end its sentence.
      const decoyCrossings = ctx.text[hit.end] === '.' ? sameSentence(hit.end + 1, cand.start) : crossings;
      // A comma closes the decoy's phrase: "Dear customer, 519274 is your OTP".
      const gap = ctx.folded.slice(hit.end, from);
      const closed = /[,，、]/.test(gap) || INSTRUMENTS.some((w) => containsWord(gap, w));
      if (
        from - hit.end <= DECOY_WINDOW &&
        decoyCrossings === 0 &&
        countBetween(digits, hit.end, from) === 0 &&
        !closed &&
        (distance < nearestDecoyBefore || (distance === nearestDecoyBefore && decoySoft && hit.weight >= 1))
      ) {
        nearestDecoyBefore = distance;
        decoyStart = hit.start;
        decoySoft = hit.weight < 1;
        decoyColon = gap.includes(':');
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
  // A decoy inside the code phrase itself ("code for your account: 703152", "رمز ... حسابك:",
  // "PIN code to collect the parcel: 551204") is governed by the code keyword before it; only a
  // decoy that starts the phrase, or a hard one that names the number directly, labels it.
  const governed =
    (decoySoft || decoyColon) &&
    governingCodeEnd !== -1 &&
    governingCodeEnd <= decoyStart &&
    decoyStart - governingCodeEnd <= 40;
  // "<decoy word>: 7713 is your code" - the words after the number name it.
  // A weak code word inside a hard decoy's phrase does not take the number back: "customer
  // number for login: 55120418" names a customer number ("confirm your number, enter 5530" does not).
  const closerCode = !decoySoft && decoyColon ? nearestStrongCodeBefore : nearestCodeBefore;
  // "Your code from <decoy-named sender> is 6027": a code keyword opens the clause and an "is"
  // word introduces the number, so the clause names the number a code whatever sits in between.
  const introducedAsCode =
    governingCodeEnd !== -1 &&
    governingCodeEnd <= decoyStart &&
    cand.start - governingCodeEnd <= 60 &&
    isLead(ctx, cand);
  const decoy = nearestDecoyBefore < closerCode && !governed && !namedAfter && !introducedAsCode;
  return { score, nearestCodeBefore, decoy, promo, namedAfter, nearestStrongCodeBefore };
}

/** Index of the character that leads into the candidate: spaces and opening brackets skipped. */
function leadIndex(text: string, cand: Candidate): number {
  let p = skipSpacesLeft(text, cand.start - 1, 4);
  while (p >= 0 && OPENERS.has(text.charAt(p)) && cand.start - p < 6) p = skipSpacesLeft(text, p - 1, 4);
  return p;
}

/** The word that leads into `p` is an "is" word ("... code is 4821", "... رمز ... هو 6027"). */
function isWordAt(folded: string, p: number): boolean {
  const word = wordEndingAt(folded, p);
  return IS_WORDS.has(word) || IS_SUFFIXES.some((suffix) => word.endsWith(suffix));
}

/** The candidate follows a ':', '=' or an "is" word (spaces and opening brackets skipped). */
function leadIsColonOrIs(ctx: Context, cand: Candidate): boolean {
  const p = leadIndex(ctx.text, cand);
  return p >= 0 && (ctx.text[p] === ':' || ctx.text[p] === '=' || isWordAt(ctx.folded, p));
}

/** The candidate is introduced by an "is" word. */
function isLead(ctx: Context, cand: Candidate): boolean {
  const p = leadIndex(ctx.text, cand);
  return p >= 0 && ctx.text[p] !== ':' && ctx.text[p] !== '=' && isWordAt(ctx.folded, p);
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
  const p = leadIndex(text, cand);
  const lead = text[p];
  if (lead === ':' && ctx.record && p === cand.start - 1 && !codeHitEndingAt(ctx, p)) {
    s -= 1.0; // "TRN:12951" in "PNR:4829103756,TRN:12951,DOJ:14-06-24": a field, not a code
  } else if (lead === ':' || lead === '=') {
    s += 0.6;
  } else if (lead === '-' && p === cand.start - 1 && isAsciiUpper(text[p - 1])) {
    // Service prefix glued with a dash: "G-730155", "FB-20931" (1-4 capitals at a word start).
    let q = p - 1;
    while (q >= 0 && isAsciiUpper(text[q]) && p - q <= 5) q--;
    // "X-4127", "XX-4127" are masked account numbers, not a service prefix.
    const masked = /^X+$/.test(text.slice(q + 1, p));
    if (masked) s -= 2.5;
    else if (p - 1 - q <= 4 && !isAsciiAlnum(text[q])) s += 1.0;
  } else if (lead === '-' && text[p - 1] === ' ') {
    s += 0.5; // "Код подтверждения — 602817"
  } else if (lead === '#') {
    const tail = folded.slice(Math.max(0, p - 100), p + 1);
    if (DOMAIN_BOUND_RE.test(tail)) s += 1.8;
    else if (nearestCodeBefore > 3 && !kw.namedAfter) s -= 1.2; // "Order #123456", "store #1042"
  } else if (lead !== undefined && isWordAt(folded, p)) {
    s += 0.6;
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
    else if (NUMBERED_AFTER.has(wordStartingAt(folded, after)) && !codeNounAfter(ctx, after)) s -= 2.0;
    else if (streetAfter(text, folded, after)) s -= 2.0;
  }
  if (POSTCODE_BEFORE_RE.test(folded.slice(Math.max(0, cand.start - 30), cand.start))) s -= 2.0;
  if (!cand.alnum && letterSeriesBefore(ctx, cand)) s -= 1.2;
  return s;
}

/** "482917 numaralı şifreniz": the noun after the "numbered" word at `at` is a code word. */
function codeNounAfter(ctx: Context, at: number): boolean {
  const noun = skipSpacesRight(ctx.folded, at + wordStartingAt(ctx.folded, at).length, 1);
  const hit = ctx.hits[lowerBound(ctx.hits, noun)];
  return hit !== undefined && hit.start === noun && hit.kind === 'code';
}

/** A code keyword ends right before position `p` ("OTP:551204"). */
function codeHitEndingAt(ctx: Context, p: number): boolean {
  const { hits } = ctx;
  for (let h = lowerBound(hits, p) - 1; h >= 0 && p - (hits[h]?.start ?? 0) <= 40; h--) {
    const hit = hits[h];
    if (hit && hit.kind === 'code' && hit.end === p) return true;
  }
  return false;
}

/**
 * "TX 78701", "(ABC 1234)", "Dubai J 48291": digits right after a standalone token of one to
 * three capital letters are a state postcode, a licence plate or a series number. A code word in
 * that place ("OTP 4821", "PIN 4821") is a lead-in instead.
 */
function letterSeriesBefore(ctx: Context, cand: Candidate): boolean {
  const { text, hits } = ctx;
  if (text[cand.start - 1] !== ' ') return false;
  let q = cand.start - 2;
  while (q >= 0 && isAsciiUpper(text[q])) q--;
  const letters = cand.start - 2 - q;
  // At the very start it names the sender instead: "TG 48291".
  if (letters < 1 || letters > 3 || q < 0 || isLetter(text[q]) || isAsciiDigit(text[q])) return false;
  const hit = hits[lowerBound(hits, q + 1)];
  if (hit && hit.start === q + 1 && hit.kind === 'code') return false;
  // Nor is "SMS" in "Kod SMS 49271036": a code word right before the capitals names the number.
  return !codeHitEndingAt(ctx, skipSpacesLeft(text, q, 1) + 1);
}

/** "1600 Main St", "12 Rue ...": the number is a house number when a street word follows it. */
function streetAfter(text: string, folded: string, at: number): boolean {
  const first = wordStartingAt(folded, at);
  if (STREET_WORDS.has(first)) return true;
  if (first.length === 0 || !isAsciiUpper(text[at])) return false;
  const next = skipSpacesRight(folded, at + first.length, 1);
  return next > at + first.length && STREET_WORDS.has(wordStartingAt(folded, next));
}

/** "Hauptstr. 112, 10115 Berlin", "12 Main Street, 90210": a postal code after street and house number. */
const POSTCODE_BEFORE_RE =
  /(?:(?:str\.?|straße|strasse|weg|gatan|gade|vej|vei)|(?:^|[^\p{L}])(?:street|st\.?|road|rd\.?|avenue|ave\.?|ul\.|calle|rua|rue|via)) ?\d{1,4}[a-z]?, ?$/u;

/**
 * A word followed by a small number ("SAVE20", "SUMMER24", "WELCOME10") is how coupons are made;
 * generated alphanumeric codes mix letters and digits ("F7Q2K", "9KD4T7").
 */
const COUPON_SHAPE_RE = /^[A-Z]{4,}\d{0,3}$/;

/** Coupon-shaped and pronounceable (a word, not "ZXQWP7"): at least one vowel in three letters. */
function couponLike(code: string): boolean {
  if (!COUPON_SHAPE_RE.test(code)) return false;
  const letters = code.replace(/\d+$/, '');
  const vowels = letters.replace(/[^AEIOUY]/g, '').length;
  return vowels * 3 >= letters.length;
}

/** Scores one candidate; sets `excluded` for candidates that can never be the code. */
export function scoreCandidate(ctx: Context, cand: Candidate, others: number): void {
  const len = cand.end - cand.start;
  const kw = keywordFeatures(ctx, cand);
  let s = cand.adjust;

  if (cand.alnum) {
    // Alphanumeric tokens are only codes when a code keyword is close: uppercase words and
    // model numbers are everywhere otherwise.
    if (kw.score < 0.5) cand.excluded = true;
    // All-letter codes ("FRCTB") only right after the word that names them.
    // Introduced as the code: "code: FRCTB", "code is FRCTB" — not a brand after "OTP for IRCTC".
    const introduced = leadIsColonOrIs(ctx, cand);
    const namedLetters =
      kw.nearestCodeBefore <= 12 && len >= 5 && introduced && (ctx.lettersHint || kw.score >= 1);
    if (cand.lettersOnly && !namedLetters) cand.excluded = true;
    // Case-sensitive codes only right after the code word that names them ("secret is hV4pT9").
    if (cand.mixedCase && !(introduced && kw.nearestStrongCodeBefore <= 20)) cand.excluded = true;
    // A word-like token in a promotional message is a coupon ("Use code SWIGGYIT", "SUMMER24").
    const coupon = couponLike(cand.code);
    if (coupon && ctx.promo) cand.excluded = true;
    s += coupon && /\d$/.test(cand.code) ? -0.8 : 0.15;
  } else {
    s += LENGTH_SCORE[cand.code.length] ?? 0;
  }
  // Three digits are a code only right after a strong code word ("Cl@ve PIN 381", "Lyft code: 438").
  if (cand.short && kw.nearestStrongCodeBefore > 3) cand.excluded = true;

  s += kw.score;
  // "482910 is your Amazon OTP", "1946 ist dein Bestätigungscode": the sentence names the number.
  if (kw.namedAfter) s += 0.4;
  const layout = layoutScore(ctx, cand, kw);
  s += layout;
  if (kw.decoy) s -= 2.0;
  if (kw.promo) s -= 1.5;

  // A bare 19xx/20xx next to other numbers is usually a year ("© 2024", "valid until 2025").
  // Right after a code keyword ("Security code 2025") it is much more likely the code itself.
  const yearLike = !cand.alnum && /^(19|20)\d\d$/.test(cand.code);
  if (yearLike && others > 1) s -= kw.nearestCodeBefore <= 3 ? 0.3 : 0.8;
  cand.named = kw.score >= 0.3;
  cand.clean =
    !cand.alnum && !cand.short && !yearLike && !kw.decoy && !kw.promo && layout >= 0 && cand.adjust > -0.3;

  // Service format hint: a small nudge, never decisive on its own.
  const fmt = ctx.service ? SERVICE_FORMATS[ctx.service] : undefined;
  if (fmt) {
    const boost = ctx.serviceFromHint ? 0.3 : 0.15;
    if (cand.alnum && fmt.alnumLength === len) s += boost;
    if (!cand.alnum && fmt.lengths?.includes(cand.code.length)) s += boost;
  }
  cand.score = s;
}

/** A clock time: "07:25", "8:04", "08h04". */
const CLOCK_RE = /(?:^|[^\d:])(?:[01]?\d|2[0-3])[:h][0-5]\d(?![\d:])/;
/** A calendar date: "12/03", "22.04.", "20-06-2025", "2025-08-20", "3月20日", "Jun 20 2025". */
const DATE_RE =
  /(?:^|[^\d/.-])(?:\d{1,2}[./]\d{1,2}(?:[./](?:\d{2}){1,2})?(?![\d/])|\d{1,2}-\d{1,2}-(?:\d{2}){1,2}(?![\d-])|\d{4}-\d{2}-\d{2}|\d{1,2}月\d{1,2}日|[A-Z][a-z]{2} \d{1,2},? \d{4})/;

/**
 * Is the message a notice rather than a code message: does it carry a long identifier (tracking,
 * account, ticket number), marketing vocabulary, a balance or bill, or a clock time with a date
 * or departure words (a train or flight, an appointment, a card payment)? In a notice the only number nothing else labels is
 * a train, store, flight or short-code number as often as a code, so only a number a code keyword
 * names gets the structural bonus there. (Amounts alone are no sign: bank OTPs carry them.)
 */
export function isNotice(ctx: Context, inUrl: Uint8Array): boolean {
  if (hasLongIdentifier(ctx.text, inUrl)) return true;
  if (ctx.promo) return true;
  const clock = CLOCK_RE.test(ctx.text);
  const date = DATE_RE.test(ctx.text);
  if (clock && date) return true;
  if ((clock || date) && TRAVEL_WORDS.some((w) => startsWord(ctx.folded, w))) return true;
  return STATEMENT_WORDS.some((w) => startsWord(ctx.folded, w));
}

/** Does `word` occur in `folded` at the start of a word (prefix match: "баланс" in "Баланса")? */
function startsWord(folded: string, word: string): boolean {
  for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
    if (!isLetter(folded[at - 1])) return true;
  }
  return false;
}

/** Score added to the only decoy-free digit code of a message (see {@link extractCode}). */
export const STRUCTURAL_BONUS = 0.9;

/** Maps a raw score to 0..1; a score of 1.1 sits exactly at 0.5, the extractor's minimum confidence. */
export function toConfidence(score: number): number {
  const c = 1 / (1 + Math.exp(-2.2 * (score - 1.1)));
  return Math.round(c * 1000) / 1000;
}
