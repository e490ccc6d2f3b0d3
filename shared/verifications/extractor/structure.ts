/**
 * Message structure: links and e-mail addresses, sentence boundaries, digit counts and date
 * shapes. Every scan is linear in the message length.
 */
import {
  isAsciiAlnum,
  isAsciiDigit,
  isAsciiLetter,
  isAsciiLower,
  isAsciiUpper,
  isLetter,
  isSpace,
} from './chars';
import { TLDS } from './data/vocabulary';

/** Host characters allowed before a TLD in a bare link or e-mail address. */
function isHostChar(ch: string | undefined): boolean {
  return isAsciiAlnum(ch) || ch === '.' || ch === '-' || ch === '_' || ch === '@';
}

/**
 * Marks links and e-mail addresses: digits inside them ("t.me/login/52981",
 * "example.com/abc?id=1234") are identifiers, never something to type. Every loop advances
 * monotonically or is bounded (host names are at most 253 characters), so this stays linear.
 */
export function markUrls(text: string, folded: string): Uint8Array {
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
export function sentenceBoundaryPrefix(text: string): Int32Array {
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
export function digitPrefix(text: string): Int32Array {
  const prefix = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) prefix[i + 1] = (prefix[i] ?? 0) + (isAsciiDigit(text[i]) ? 1 : 0);
  return prefix;
}

export function countBetween(prefix: Int32Array, a: number, b: number): number {
  if (b <= a) return 0;
  return (prefix[b] ?? 0) - (prefix[a] ?? 0);
}

/** Is `day`/`month` a plausible calendar pair? Used to recognise date-shaped digit groups. */
function validDayMonth(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Recognises groups such as 2024-05-01, 01.05.2024, 12-31-24 as dates (not codes). */
export function isDateShape(groups: readonly string[]): boolean {
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

/** Digits in one identifier that no one types as a code: tracking, account and ticket numbers. */
const LONG_IDENTIFIER_DIGITS = 12;

/**
 * Does the message carry a long identifier — at least 12 digits in one token or in a chain of
 * tokens split by single spaces ("9400 1000 0000 0000 0000 00", "1Z 999 AA1 01 2345 6784"; every
 * token capitals and digits with a digit in it) — outside links and not an international phone
 * number (a leading '+')? Such a message is a delivery, booking or account notice: the shorter
 * numbers in it are postcodes, store numbers and dates, never an obvious code. Linear.
 */
export function hasLongIdentifier(text: string, inUrl: Uint8Array): boolean {
  let digits = 0;
  let chainStart = -1;
  let i = 0;
  while (i < text.length) {
    const start = i;
    let tokenDigits = 0;
    while (i < text.length && !inUrl[i] && (isAsciiDigit(text[i]) || isAsciiUpper(text[i]))) {
      if (isAsciiDigit(text[i])) tokenDigits++;
      i++;
    }
    const standalone = i > start && tokenDigits > 0 && !isLetter(text[start - 1]) && !isLetter(text[i]);
    if (standalone) {
      if (chainStart === -1) chainStart = start;
      digits += tokenDigits;
      if (digits >= LONG_IDENTIFIER_DIGITS && text[skipBack(text, chainStart)] !== '+') return true;
      // The chain goes on over one space to the next token of capitals and digits.
      if (text[i] === ' ' && (isAsciiDigit(text[i + 1]) || isAsciiUpper(text[i + 1]))) {
        i++;
        continue;
      }
    }
    digits = 0;
    chainStart = -1;
    if (i === start) i++;
  }
  return false;
}

/** Index of the character before `at`, skipping one space. */
function skipBack(text: string, at: number): number {
  return text[at - 1] === ' ' ? at - 2 : at - 1;
}

/** A label glued to its value: "PNR:4829103756", "DOJ:14-06-24", "Fare:745.00". */
const GLUED_FIELD_RE = /(?:^|[^\p{L}\p{N}])\p{L}{2,12}:(?=[\p{L}\p{N}])/gu;

/**
 * Is the message a record of three or more glued "LABEL:value" fields (a ticket, booking or
 * statement line)? There a number is whatever its label says, not a code by default.
 */
export function isFieldRecord(text: string): boolean {
  let fields = 0;
  GLUED_FIELD_RE.lastIndex = 0;
  while (GLUED_FIELD_RE.exec(text) !== null) if (++fields >= 3) return true;
  return false;
}
